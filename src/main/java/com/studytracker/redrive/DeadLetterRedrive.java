package com.studytracker.redrive;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * One redrive run: reads each selected dead-letter stream from the start (or from
 * {@code --from}) up to its end <em>as it was when the run began</em> — so a record that
 * is rejected again and dead-lettered anew during the run is not read again: no loop —
 * and re-publishes the selected records to their original input stream and partition.
 * Reading is {@link DeadLetterPass}'s, sending {@link RedrivePublisher}'s; this class
 * selects and reports.
 */
class DeadLetterRedrive {

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Consumer<byte[], byte[]> consumer;

	private final RedrivePublisher publisher;

	private final PrintStream out;

	private final Clock clock;

	DeadLetterRedrive(Consumer<byte[], byte[]> consumer, KafkaTemplate<byte[], byte[]> template, PrintStream out,
			Clock clock) {
		this.consumer = consumer;
		this.publisher = new RedrivePublisher(template, clock);
		this.out = out;
		this.clock = clock;
	}

	RedriveReport run(RedriveRequest request) {
		RedriveReport report = new RedriveReport(request.dryRun());
		for (String stream : request.deadLetterStreams()) {
			redrive(stream, request, report);
		}
		report.print(this.out);
		return report;
	}

	private void redrive(String stream, RedriveRequest request, RedriveReport report) {
		DeadLetterPass pass = DeadLetterPass.begin(this.consumer, stream, request.from());
		this.out.printf("%s: %d dead letters to examine%n", stream, pass.total());
		Instant nextProgress = this.clock.instant().plus(PROGRESS_EVERY);
		long examined = 0;
		while (!pass.isDone()) {
			for (ConsumerRecord<byte[], byte[]> record : pass.poll()) {
				examined++;
				consider(stream, record, request, report);
			}
			if (!this.clock.instant().isBefore(nextProgress)) {
				this.out.printf("%s: examined %d of %d, %s %d%n", stream, examined, pass.total(),
						request.dryRun() ? "would redrive" : "redriven", report.selected());
				nextProgress = this.clock.instant().plus(PROGRESS_EVERY);
			}
		}
		this.publisher.awaitAcknowledgements();
		pass.end();
	}

	private void consider(String stream, ConsumerRecord<byte[], byte[]> record, RedriveRequest request,
			RedriveReport report) {
		String code = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REJECTION_CODE);
		code = (code != null) ? code : "NONE";
		if (request.to() != null && record.timestamp() >= request.to().toEpochMilli()) {
			return;
		}
		if (!request.codes().isEmpty() && !request.codes().contains(code)) {
			return;
		}
		if (!request.eventIds().isEmpty() && !request.eventIds().contains(eventId(record))) {
			return;
		}
		if (code.equals(DeadLetterHeaders.UNREADABLE) && !request.includeUnreadable()) {
			report.skipped("unreadable (use --include-unreadable)");
			return;
		}
		if (record.headers().lastHeader(DeadLetterHeaders.VALUE_OMITTED) != null) {
			report.skipped("value too large, not kept");
			return;
		}
		String target = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC);
		if (target == null) {
			report.skipped("no " + DeadLetterHeaders.ORIGINAL_TOPIC + " header");
			return;
		}
		report.selected(stream, code);
		if (request.dryRun()) {
			return;
		}
		this.publisher.send(record, target);
	}

	/**
	 * The event's idempotency key: a binary CloudEvent's {@code ce_id} header, a
	 * structured one's {@code id}, a plain event's {@code eventId}.
	 */
	private static UUID eventId(ConsumerRecord<byte[], byte[]> record) {
		try {
			String ceId = DeadLetterHeaders.text(record.headers(), "ce_id");
			if (ceId != null) {
				return UUID.fromString(ceId);
			}
			JsonNode value = JSON.readTree(record.value());
			JsonNode eventId = value.get(value.has("specversion") ? "id" : "eventId");
			return (eventId != null && eventId.isString()) ? UUID.fromString(eventId.asString()) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
