package com.studytracker.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a preloaded backlog once with a throwaway consumer (no group, nothing committed)
 * before the first cold start. The broker is started by the benchmark and, until then,
 * has only been written to: without this, its fetch path would be JIT-compiled during
 * the cold drain and charged to it (11 against 5 µs of broker CPU per event, warm). A
 * production broker is long-running; the cold start measured is the service's.
 */
final class BrokerWarmUp {

	private BrokerWarmUp() {
	}

	/** Returns how many records were read. */
	static long readOnce(String bootstrapServers, List<String> topics) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-broker-warm-up");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
		long read = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : topics) {
				for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
					partitions.add(new TopicPartition(topic, info.partition()));
				}
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Broker warm-up did not reach the end of " + topics);
				}
				read += consumer.poll(Duration.ofMillis(200)).count();
			}
		}
		return read;
	}

}
