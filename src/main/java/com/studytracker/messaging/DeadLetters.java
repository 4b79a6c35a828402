package com.studytracker.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends records to a dead-letter stream: the original key, value and headers, unchanged,
 * with Spring Kafka's standard dead-letter headers and our rejection code.
 */
@Component
class DeadLetters {

	/** The rejection code of a record that could not be read at all. */
	static final String UNREADABLE = "UNREADABLE";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final KafkaTemplate<byte[], byte[]> template;

	private final String groupId;

	private final OutcomeTracing tracing;

	private final MeterRegistry meters;

	DeadLetters(KafkaTemplate<byte[], byte[]> template, OutcomeTracing tracing, StudyTrackerProperties properties,
			MeterRegistry meters) {
		this.template = template;
		this.tracing = tracing;
		this.groupId = properties.kafka().groupId();
		this.meters = meters;
	}

	/**
	 * @param span the record's trace span, whose context replaces the input's
	 * {@code traceparent}; null if the record is not traced
	 */
	CompletableFuture<?> send(String stream, Delivery delivery, String code, String reason, Span span) {
		RecordHeaders headers = new RecordHeaders();
		for (Delivery.Header header : delivery.headers()) {
			headers.add(header.key(), header.value());
		}
		if (span != null) {
			this.tracing.inject(span, headers);
		}
		DeadLetterHeaders.add(headers, delivery, this.groupId, code, reason);
		ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(stream,
				partition(stream, delivery.partition()), delivery.key(), delivery.value(), headers);
		return this.template.send(deadLetter).handle((result, failure) -> {
			if (failure == null) {
				return CompletableFuture.completedFuture(result);
			}
			if (rootCause(failure) instanceof RecordTooLargeException) {
				return withoutValue(deadLetter);
			}
			return CompletableFuture.<SendResult<byte[], byte[]>>failedFuture(failure);
		}).thenCompose(Function.identity()).whenComplete((result, failure) -> {
			if (failure == null) {
				written(stream, code, result.getProducerRecord().value() == null);
			}
		});
	}

	/**
	 * {@code studytracker.dead.letters}: dead letters acknowledged by the broker, by
	 * stream and cause (a rare path: the counter is looked up per record).
	 */
	private void written(String stream, String code, boolean valueOmitted) {
		Counter.builder("studytracker.dead.letters")
			.description("Dead letters written, by cause")
			.tag("stream", stream)
			.tag("reason", OutcomeCounters.tagValue(code))
			.tag("value.omitted", Boolean.toString(valueOmitted))
			.register(this.meters)
			.increment();
	}

	/**
	 * The input's partition number where the dead-letter stream has it, else that number
	 * modulo its partition count: a dead letter must never wait for a partition that does
	 * not exist (the producer's cached metadata answers, no broker call per record).
	 */
	private int partition(String stream, int inputPartition) {
		int partitions = this.template.partitionsFor(stream).size();
		return (inputPartition < partitions) ? inputPartition : inputPartition % partitions;
	}

	/**
	 * A record too large for the dead-letter stream is kept with its key and headers and
	 * the size of its value: better than blocking its partition behind a send that can
	 * never succeed.
	 */
	private CompletableFuture<SendResult<byte[], byte[]>> withoutValue(ProducerRecord<byte[], byte[]> deadLetter) {
		log.warn("Dead letter from {} is too large for {} ({} bytes); keeping it without its value",
				DeadLetterHeaders.originalTopic(deadLetter.headers()), deadLetter.topic(), deadLetter.value().length);
		RecordHeaders headers = new RecordHeaders(deadLetter.headers().toArray());
		DeadLetterHeaders.addValueOmitted(headers, deadLetter.value().length);
		return this.template
			.send(new ProducerRecord<>(deadLetter.topic(), deadLetter.partition(), deadLetter.key(), null, headers));
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
