package com.studytracker.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds where the next committed record of a partition is, reading like the listener
 * ({@code read_committed}) in no group and committing nothing: transaction markers and
 * aborted records before it hold nothing to consume. Not thread-safe.
 */
class NextCommittedRecord implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final Consumer<byte[], byte[]> consumer;

	private final Clock clock;

	NextCommittedRecord(Map<String, Object> clientConfig, Clock clock) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 65536);
		this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		this.clock = clock;
	}

	/**
	 * The offset of the first committed record at or after {@code from}, or {@code end}
	 * (or as far as it got within a short timeout) if there is none before it.
	 */
	long at(TopicPartition partition, long from, long end) {
		this.consumer.assign(List.of(partition));
		this.consumer.seek(partition, from);
		Instant deadline = this.clock.instant().plus(TIMEOUT);
		while (this.consumer.position(partition) < end && this.clock.instant().isBefore(deadline)) {
			ConsumerRecords<byte[], byte[]> records = this.consumer.poll(Duration.ofMillis(100));
			if (!records.isEmpty()) {
				return records.iterator().next().offset();
			}
		}
		return this.consumer.position(partition);
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

}
