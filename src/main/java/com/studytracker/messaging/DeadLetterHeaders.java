package com.studytracker.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.studytracker.contract.Delivery;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * The headers a dead letter carries besides the input's own: Spring Kafka's standard
 * {@code kafka_dlt-*} ones, so its tools can read our dead letters, and our rejection
 * code. The redrive command reads them (its own copy of the names, in its package).
 */
final class DeadLetterHeaders {

	/** Header carrying our rejection code (or UNREADABLE) on dead letters. */
	static final String REJECTION_CODE = "studytracker-rejection-code";

	/**
	 * On a dead letter whose value was too large to keep: the original value's size in
	 * bytes.
	 */
	static final String VALUE_OMITTED = "studytracker-value-omitted-bytes";

	/**
	 * Named in {@code kafka_dlt-exception-fqcn}: rejected by the contract, not a crash.
	 */
	static final String REJECTED = "com.studytracker.RejectedByContract";

	private DeadLetterHeaders() {
	}

	/** Appends where the record came from and why it was rejected. */
	static void add(Headers headers, Delivery delivery, String groupId, String code, String reason) {
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(delivery.stream())));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION,
				ByteBuffer.allocate(Integer.BYTES).putInt(delivery.partition()).array()));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET,
				ByteBuffer.allocate(Long.BYTES).putLong(delivery.offset()).array()));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
				ByteBuffer.allocate(Long.BYTES).putLong(delivery.timestamp()).array()));
		headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(groupId)));
		headers.add(new RecordHeader(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(REJECTED)));
		headers.add(new RecordHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(code + ": " + reason)));
		headers.add(new RecordHeader(REJECTION_CODE, utf8(code)));
	}

	/** Marks a dead letter kept without its value, noting the value's size. */
	static void addValueOmitted(Headers headers, int valueBytes) {
		headers.add(VALUE_OMITTED, utf8(Integer.toString(valueBytes)));
	}

	static String originalTopic(Headers headers) {
		return new String(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
