package com.studytracker.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.StudyTrackerProperties.Stream;
import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Delivery;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends a batch's confirmations and dead letters asynchronously, then waits once for all
 * of them to be acknowledged ({@code acks=all}, idempotent producer). A failed or
 * timed-out send fails the batch, so its offsets are not committed and it is processed
 * again; nothing is swallowed.
 */
@Component
class KafkaOutcomePublisher implements OutcomePublisher {

	/** Header carrying our rejection code (or UNREADABLE) on dead letters. */
	static final String REJECTION_CODE = "studytracker-rejection-code";

	static final String UNREADABLE = "UNREADABLE";

	/**
	 * On a dead letter whose value was too large to keep: the original value's size in
	 * bytes.
	 */
	static final String VALUE_OMITTED = "studytracker-value-omitted-bytes";

	private static final Logger log = LoggerFactory.getLogger(KafkaOutcomePublisher.class);

	private final KafkaTemplate<byte[], byte[]> template;

	private final Map<EventType, Stream> streams = new EnumMap<>(EventType.class);

	private final String groupId;

	private final long sendTimeoutMillis;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<EventType, Map<Class<?>, Counter>> counters = new EnumMap<>(EventType.class);

	private final Counter publishFailures;

	KafkaOutcomePublisher(KafkaTemplate<byte[], byte[]> template, StudyTrackerProperties properties,
			MeterRegistry meters) {
		this.template = template;
		this.streams.put(EventType.TOPIC_CREATED, properties.streams().topicCreated());
		this.streams.put(EventType.SESSION_LOGGED, properties.streams().sessionLogged());
		this.groupId = properties.kafka().groupId();
		this.sendTimeoutMillis = properties.kafka().sendTimeout().toMillis();
		for (EventType type : EventType.values()) {
			this.counters.put(type, counters(type, meters));
		}
		this.publishFailures = Counter.builder("studytracker.publish.failures")
			.description("Batches whose confirmations or dead letters the broker did not acknowledge")
			.register(meters);
	}

	@Override
	public void publish(EventType type, List<Outcome> outcomes) {
		Stream stream = this.streams.get(type);
		List<CompletableFuture<?>> sends = new ArrayList<>(outcomes.size());
		Map<Class<?>, Integer> counts = new HashMap<>(8);
		for (Outcome outcome : outcomes) {
			if (outcome instanceof Outcome.Accepted accepted) {
				sends.add(confirm(stream, accepted.confirmation()));
			}
			else if (outcome instanceof Outcome.Rejected rejected) {
				sends.add(confirm(stream, rejected.confirmation()));
				sends.add(deadLetter(stream, rejected.delivery(), rejected.code().name(),
						rejected.confirmation().reason().message()));
			}
			else if (outcome instanceof Outcome.Unreadable unreadable) {
				sends.add(deadLetter(stream, unreadable.delivery(), UNREADABLE, unreadable.problem()));
			}
			counts.merge(outcome.getClass(), 1, Integer::sum);
		}
		await(sends);
		// Counted once per batch (per-record increments showed in the profile), and only
		// once published.
		counts.forEach((outcome, count) -> this.counters.get(type).get(outcome).increment(count));
	}

	private CompletableFuture<?> confirm(Stream stream, Confirmation confirmation) {
		byte[] key = confirmation.eventId().toString().getBytes(StandardCharsets.UTF_8);
		return this.template
			.send(new ProducerRecord<>(stream.confirmations(), key, this.json.writeValueAsBytes(confirmation)));
	}

	/**
	 * The original key and value, unchanged, with Spring Kafka's standard dead-letter
	 * headers.
	 */
	private CompletableFuture<?> deadLetter(Stream stream, Delivery delivery, String code, String reason) {
		RecordHeaders headers = new RecordHeaders();
		for (Delivery.Header header : delivery.headers()) {
			headers.add(header.key(), header.value());
		}
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(delivery.topic())));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION,
				ByteBuffer.allocate(Integer.BYTES).putInt(delivery.partition()).array()));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET,
				ByteBuffer.allocate(Long.BYTES).putLong(delivery.offset()).array()));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
				ByteBuffer.allocate(Long.BYTES).putLong(delivery.timestamp()).array()));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(this.groupId)));
		headers.add(new RecordHeader(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(RejectedRecordException.class.getName())));
		headers.add(new RecordHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(code + ": " + reason)));
		headers.add(new RecordHeader(REJECTION_CODE, utf8(code)));
		ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(stream.deadLetters(),
				deadLetterPartition(stream.deadLetters(), delivery.partition()), delivery.key(), delivery.value(),
				headers);
		return this.template.send(deadLetter).handle((result, failure) -> {
			if (failure == null) {
				return CompletableFuture.completedFuture(result);
			}
			if (rootCause(failure) instanceof RecordTooLargeException) {
				return withoutValue(deadLetter);
			}
			return CompletableFuture.<SendResult<byte[], byte[]>>failedFuture(failure);
		}).thenCompose(Function.identity());
	}

	/**
	 * The input's partition number where the dead-letter stream has it, else that number
	 * modulo its partition count: a dead letter must never wait for a partition that does
	 * not exist (the producer's cached metadata answers, no broker call per record).
	 */
	private int deadLetterPartition(String deadLetters, int inputPartition) {
		int partitions = this.template.partitionsFor(deadLetters).size();
		return (inputPartition < partitions) ? inputPartition : inputPartition % partitions;
	}

	/**
	 * A record too large for the dead-letter topic is kept with its key and headers and
	 * the size of its value: better than blocking its partition behind a send that can
	 * never succeed.
	 */
	private CompletableFuture<SendResult<byte[], byte[]>> withoutValue(ProducerRecord<byte[], byte[]> deadLetter) {
		log.warn("Dead letter from {} is too large for {} ({} bytes); keeping it without its value",
				utf8Header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC), deadLetter.topic(), deadLetter.value().length);
		RecordHeaders headers = new RecordHeaders(deadLetter.headers().toArray());
		headers.add(VALUE_OMITTED, utf8(Integer.toString(deadLetter.value().length)));
		return this.template
			.send(new ProducerRecord<>(deadLetter.topic(), deadLetter.partition(), deadLetter.key(), null, headers));
	}

	private static String utf8Header(ProducerRecord<byte[], byte[]> record, String key) {
		org.apache.kafka.common.header.Header header = record.headers().lastHeader(key);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "?";
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private void await(List<CompletableFuture<?>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.sendTimeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutcomesNotPublishedException("interrupted while waiting for the broker", ex);
		}
		catch (ExecutionException ex) {
			this.publishFailures.increment();
			throw new OutcomesNotPublishedException("the broker did not acknowledge: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			this.publishFailures.increment();
			throw new OutcomesNotPublishedException("no acknowledgement within " + this.sendTimeoutMillis + " ms", ex);
		}
	}

	private static Map<Class<?>, Counter> counters(EventType type, MeterRegistry meters) {
		Map<Class<?>, Counter> counters = new HashMap<>();
		counters.put(Outcome.Accepted.class, counter(type, "accepted", meters));
		counters.put(Outcome.Rejected.class, counter(type, "rejected", meters));
		counters.put(Outcome.Unreadable.class, counter(type, "unreadable", meters));
		counters.put(Outcome.Deferred.class, counter(type, "deferred", meters));
		return counters;
	}

	private static Counter counter(EventType type, String outcome, MeterRegistry meters) {
		return Counter.builder("studytracker.events")
			.description("Input events by outcome")
			.tag("type", type.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.tag("outcome", outcome)
			.register(meters);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
