package com.studytracker.redrive;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * One redrive run: reads each selected dead-letter stream from the start (or from
 * {@code --from}) up to its end <em>as it was when the run began</em> — so a record that
 * is rejected again and dead-lettered anew during the run is not read again: no loop —
 * and re-publishes the selected records to their original input stream and partition.
 */
class DeadLetterRedrive {

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

	private static final int AWAIT_EVERY = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Consumer<byte[], byte[]> consumer;

	private final KafkaTemplate<byte[], byte[]> template;

	private final PrintStream out;

	private final Clock clock;

	DeadLetterRedrive(Consumer<byte[], byte[]> consumer, KafkaTemplate<byte[], byte[]> template, PrintStream out,
			Clock clock) {
		this.consumer = consumer;
		this.template = template;
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
		List<PartitionInfo> infos = this.consumer.partitionsFor(stream, Duration.ofSeconds(30));
		if (infos == null || infos.isEmpty()) {
			throw new RedriveRequest.InvalidArguments("No dead-letter stream named " + stream);
		}
		List<TopicPartition> partitions = infos.stream()
			.map(info -> new TopicPartition(stream, info.partition()))
			.toList();
		Map<TopicPartition, Long> end = this.consumer.endOffsets(partitions);
		Map<TopicPartition, Long> start = startOffsets(partitions, request.from(), end);
		long total = 0;
		Map<TopicPartition, Long> remaining = new HashMap<>();
		for (TopicPartition partition : partitions) {
			long count = end.get(partition) - start.get(partition);
			if (count > 0) {
				remaining.put(partition, end.get(partition));
				total += count;
			}
		}
		this.out.printf("%s: %d dead letters to examine%n", stream, total);
		this.consumer.assign(remaining.keySet());
		remaining.keySet().forEach(partition -> this.consumer.seek(partition, start.get(partition)));
		Instant nextProgress = this.clock.instant().plus(PROGRESS_EVERY);
		long examined = 0;
		List<CompletableFuture<?>> sends = new ArrayList<>();
		while (!remaining.isEmpty()) {
			for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(500))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				Long until = remaining.get(partition);
				if (until == null || record.offset() >= until) {
					continue;
				}
				examined++;
				consider(stream, record, request, report, sends);
				if (sends.size() >= AWAIT_EVERY) {
					await(sends);
				}
			}
			// Done with a partition once its position reaches the end it had when we
			// began.
			remaining.keySet().removeIf(partition -> this.consumer.position(partition) >= remaining.get(partition));
			if (!this.clock.instant().isBefore(nextProgress)) {
				this.out.printf("%s: examined %d of %d, %s %d%n", stream, examined, total,
						request.dryRun() ? "would redrive" : "redriven", report.selected());
				nextProgress = this.clock.instant().plus(PROGRESS_EVERY);
			}
		}
		await(sends);
		this.consumer.assign(List.of());
	}

	private Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions, Instant from,
			Map<TopicPartition, Long> end) {
		Map<TopicPartition, Long> start = new HashMap<>(this.consumer.beginningOffsets(partitions));
		if (from != null) {
			Map<TopicPartition, Long> times = new HashMap<>();
			partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
			Map<TopicPartition, OffsetAndTimestamp> found = this.consumer.offsetsForTimes(times);
			for (TopicPartition partition : partitions) {
				OffsetAndTimestamp offset = found.get(partition);
				start.put(partition, (offset != null) ? offset.offset() : end.get(partition));
			}
		}
		return start;
	}

	private void consider(String stream, ConsumerRecord<byte[], byte[]> record, RedriveRequest request,
			RedriveReport report, List<CompletableFuture<?>> sends) {
		String code = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REJECTION_CODE);
		code = (code != null) ? code : "NONE";
		if (request.to() != null && record.timestamp() >= request.to().toEpochMilli()) {
			return;
		}
		if (!request.codes().isEmpty() && !request.codes().contains(code)) {
			return;
		}
		if (!request.eventIds().isEmpty() && !request.eventIds().contains(eventId(record.value()))) {
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
		String from = record.topic() + "-" + record.partition() + "@" + record.offset();
		sends.add(this.template.send(new ProducerRecord<>(target, partition(target, record), record.key(),
				record.value(), DeadLetterHeaders.redriven(record.headers(), from, this.clock.instant()))));
	}

	/**
	 * Back to the partition it came from where that still exists, else the producer's
	 * choice by key.
	 */
	private Integer partition(String target, ConsumerRecord<byte[], byte[]> record) {
		Integer original = DeadLetterHeaders.originalPartition(record.headers());
		return (original != null && original < this.template.partitionsFor(target).size()) ? original : null;
	}

	private static UUID eventId(byte[] value) {
		try {
			JsonNode eventId = JSON.readTree(value).get("eventId");
			return (eventId != null && eventId.isString()) ? UUID.fromString(eventId.asString()) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void await(List<CompletableFuture<?>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the broker", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The broker did not acknowledge the redriven records: " + ex, ex);
		}
		sends.clear();
	}

}
