package com.studytracker.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Reads a dead letter's headers and builds the headers of its redriven copy: the original
 * ones, without the dead-letter headers, with a note that (when, how often, from where)
 * it was redriven.
 */
final class DeadLetterHeaders {

	static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

	static final String REJECTION_CODE = "studytracker-rejection-code";

	static final String VALUE_OMITTED = "studytracker-value-omitted-bytes";

	static final String UNREADABLE = "UNREADABLE";

	/** How many times this record has been redriven, this time included. */
	static final String REDRIVE_COUNT = "studytracker-redrive-count";

	/** When it was last redriven (ISO-8601 instant). */
	static final String REDRIVEN_AT = "studytracker-redriven-at";

	/** The dead letter it was last redriven from: {@code <dlt>-<partition>@<offset>}. */
	static final String REDRIVEN_FROM = "studytracker-redriven-from";

	private DeadLetterHeaders() {
	}

	static String text(Headers headers, String key) {
		Header header = headers.lastHeader(key);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	static Integer originalPartition(Headers headers) {
		Header header = headers.lastHeader(ORIGINAL_PARTITION);
		return (header != null && header.value() != null && header.value().length == Integer.BYTES)
				? java.nio.ByteBuffer.wrap(header.value()).getInt() : null;
	}

	static Headers redriven(Headers deadLetter, String from, Instant now) {
		int count = 0;
		String previous = text(deadLetter, REDRIVE_COUNT);
		if (previous != null) {
			try {
				count = Integer.parseInt(previous.trim());
			}
			catch (NumberFormatException ex) {
				// someone else's header of that name: start counting afresh
			}
		}
		RecordHeaders headers = new RecordHeaders();
		for (Header header : deadLetter) {
			if (!isOurs(header.key())) {
				headers.add(header);
			}
		}
		headers.add(REDRIVE_COUNT, utf8(Integer.toString(count + 1)));
		headers.add(REDRIVEN_AT, utf8(now.toString()));
		headers.add(REDRIVEN_FROM, utf8(from));
		return headers;
	}

	private static boolean isOurs(String key) {
		return key.startsWith("kafka_dlt-") || key.equals(REJECTION_CODE) || key.equals(VALUE_OMITTED)
				|| key.equals(REDRIVE_COUNT) || key.equals(REDRIVEN_AT) || key.equals(REDRIVEN_FROM);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
