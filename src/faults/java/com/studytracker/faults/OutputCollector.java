package com.studytracker.faults;

import com.studytracker.testsupport.ServiceTopics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a scenario's confirmation and dead-letter topics from the beginning, in the
 * background, as a producer app would (no consumer group: assign + seekToBeginning).
 * Survives broker restarts.
 */
final class OutputCollector implements AutoCloseable {

	/**
	 * A dead letter with the original coordinates from its {@code kafka_dlt-original-*}
	 * headers.
	 */
	record DeadLetter(String topic, byte[] key, byte[] value, String originalTopic, int originalPartition,
			long originalOffset, long originalTimestamp, long timestamp, String code) {
	}

	private final Map<String, List<byte[]>> confirmations = new ConcurrentHashMap<>();

	private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

	private final AtomicLong confirmationCount = new AtomicLong();

	private final ServiceTopics topics;

	private final Thread thread;

	private volatile boolean running = true;

	OutputCollector(FaultEnvironment env, ServiceTopics topics) {
		this.topics = topics;
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
		props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		var partitions = env.partitions(topics.outputs().toArray(String[]::new));
		this.thread = new Thread(() -> {
			try (consumer) {
				consumer.assign(partitions);
				consumer.seekToBeginning(partitions);
				while (this.running) {
					try {
						for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
							accept(r);
						}
					}
					catch (org.apache.kafka.common.errors.WakeupException ex) {
						return;
					}
					catch (RuntimeException ex) {
						if (!this.running) {
							return;
						}
						ServiceProcess.sleep(500); // broker down: keep trying
					}
				}
			}
		}, "fault-output-collector-" + topics.prefix());
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void accept(ConsumerRecord<byte[], byte[]> r) {
		if (r.topic().endsWith(".confirmations")) {
			String key = (r.key() != null) ? new String(r.key(), StandardCharsets.UTF_8) : "<null>";
			this.confirmations.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(r.value());
			this.confirmationCount.incrementAndGet();
		}
		else {
			this.deadLetters.add(new DeadLetter(r.topic(), r.key(), r.value(), header(r, "kafka_dlt-original-topic"),
					(int) number(r, "kafka_dlt-original-partition"), number(r, "kafka_dlt-original-offset"),
					number(r, "kafka_dlt-original-timestamp"), r.timestamp(),
					header(r, "studytracker-rejection-code")));
		}
	}

	private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
		Header h = r.headers().lastHeader(key);
		return (h != null && h.value() != null) ? new String(h.value(), StandardCharsets.UTF_8) : null;
	}

	private static long number(ConsumerRecord<byte[], byte[]> r, String key) {
		Header h = r.headers().lastHeader(key);
		if (h == null || h.value() == null) {
			return -1;
		}
		ByteBuffer b = ByteBuffer.wrap(h.value());
		return (h.value().length == Integer.BYTES) ? b.getInt() : (h.value().length == Long.BYTES) ? b.getLong() : -1;
	}

	List<byte[]> confirmations(String eventId) {
		return this.confirmations.getOrDefault(eventId, List.of());
	}

	Map<String, List<byte[]>> allConfirmations() {
		return this.confirmations;
	}

	long confirmationCount() {
		return this.confirmationCount.get();
	}

	List<DeadLetter> deadLetters() {
		return new ArrayList<>(this.deadLetters);
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
