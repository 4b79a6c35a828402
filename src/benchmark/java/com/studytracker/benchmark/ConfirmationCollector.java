package com.studytracker.benchmark;

import com.studytracker.testsupport.ServiceTopics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a phase's confirmation and dead-letter topics from the beginning (no consumer
 * group) and keeps, per measurement, the distinct event ids confirmed, their status and
 * the latency from the input record's timestamp to the confirmation record's timestamp.
 */
final class ConfirmationCollector implements AutoCloseable {

	private static final byte[] ACCEPTED = "\"status\":\"ACCEPTED\"".getBytes(StandardCharsets.UTF_8);

	private final Set<String> deadLetterTopics;

	private final Thread thread;

	private final AtomicLong deadLetters = new AtomicLong();

	private final AtomicLong records = new AtomicLong();

	private volatile Measurement measurement;

	private volatile boolean running = true;

	private volatile RuntimeException failure;

	ConfirmationCollector(String bootstrapServers, ServiceTopics topics) {
		this.deadLetterTopics = Set.of(topics.topicDeadLetters(), topics.sessionDeadLetters());
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-collector-" + topics.prefix());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics.outputs()) {
			for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		this.thread = new Thread(() -> run(consumer), "bench-collector");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** From now on, counts confirmations of the events in {@code inputTimestamps}. */
	Measurement measure(String name, Map<UUID, Long> inputTimestamps, int expected) {
		Measurement m = new Measurement(name, inputTimestamps, expected);
		this.measurement = m;
		return m;
	}

	long deadLetters() {
		return this.deadLetters.get();
	}

	private void run(KafkaConsumer<byte[], byte[]> consumer) {
		try (consumer) {
			while (this.running) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
					this.records.incrementAndGet();
					if (this.deadLetterTopics.contains(record.topic())) {
						this.deadLetters.incrementAndGet();
						continue;
					}
					Measurement m = this.measurement;
					if (m != null && record.key() != null) {
						m.confirmation(UUID.fromString(new String(record.key(), StandardCharsets.US_ASCII)),
								indexOf(record.value(), ACCEPTED) >= 0, record.timestamp());
					}
				}
			}
		}
		catch (RuntimeException ex) {
			if (this.running) {
				this.failure = ex;
				throw ex;
			}
		}
	}

	private static int indexOf(byte[] data, byte[] pattern) {
		outer: for (int i = 0; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

	/**
	 * What one phase saw. Written by the collector thread, read by the benchmark thread.
	 */
	final class Measurement {

		final String name;

		private final Map<UUID, Long> inputTimestamps;

		private volatile int expected;

		private final Set<UUID> seen = new HashSet<>();

		private int accepted;

		private int rejected;

		private int duplicates;

		private long[] latencies = new long[1024];

		/** Per confirmation (same index as latencies): its record's timestamp. */
		private long[] confirmedAt = new long[1024];

		private int latencyCount;

		private long firstNanos;

		private long doneNanos;

		Measurement(String name, Map<UUID, Long> inputTimestamps, int expected) {
			this.name = name;
			this.inputTimestamps = inputTimestamps;
			this.expected = expected;
		}

		synchronized void confirmation(UUID eventId, boolean accepted, long timestamp) {
			Long input = this.inputTimestamps.get(eventId);
			if (input == null) {
				return; // another measurement's event (e.g. the warm-up's)
			}
			if (!this.seen.add(eventId)) {
				this.duplicates++;
				return;
			}
			if (this.firstNanos == 0) {
				this.firstNanos = System.nanoTime();
			}
			if (accepted) {
				this.accepted++;
			}
			else {
				this.rejected++;
			}
			if (this.latencyCount == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.latencies.length * 2);
				this.confirmedAt = Arrays.copyOf(this.confirmedAt, this.confirmedAt.length * 2);
			}
			this.confirmedAt[this.latencyCount] = timestamp;
			this.latencies[this.latencyCount++] = timestamp - input;
			if (this.seen.size() >= this.expected && this.doneNanos == 0) {
				this.doneNanos = System.nanoTime();
				notifyAll();
			}
		}

		/** For a measurement whose size is known only once producing has stopped. */
		synchronized void expect(int count) {
			this.expected = count;
			if (this.seen.size() >= count && this.doneNanos == 0) {
				this.doneNanos = System.nanoTime();
			}
		}

		/**
		 * Waits until every expected event has its confirmation; returns false on
		 * timeout.
		 */
		synchronized boolean await(Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.doneNanos == 0) {
				if (ConfirmationCollector.this.failure != null) {
					throw ConfirmationCollector.this.failure;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
			}
			return true;
		}

		synchronized int distinct() {
			return this.seen.size();
		}

		synchronized int accepted() {
			return this.accepted;
		}

		synchronized int rejected() {
			return this.rejected;
		}

		synchronized int duplicates() {
			return this.duplicates;
		}

		synchronized long firstNanos() {
			return this.firstNanos;
		}

		synchronized long doneNanos() {
			return this.doneNanos;
		}

		/**
		 * The confirmation records' timestamps (set by the service's producer when it
		 * sends them), sorted.
		 */
		synchronized long[] confirmationTimestamps() {
			long[] sorted = Arrays.copyOf(this.confirmedAt, this.latencyCount);
			Arrays.sort(sorted);
			return sorted;
		}

		/**
		 * Latency percentile in ms over the events whose input timestamp lies in
		 * [from, to) (epoch ms); -1 if none.
		 */
		synchronized long percentileSentBetween(double p, long from, long to) {
			long[] selected = new long[this.latencyCount];
			int n = 0;
			for (int i = 0; i < this.latencyCount; i++) {
				long sent = this.confirmedAt[i] - this.latencies[i];
				if (sent >= from && sent < to) {
					selected[n++] = this.latencies[i];
				}
			}
			if (n == 0) {
				return -1;
			}
			long[] sorted = Arrays.copyOf(selected, n);
			Arrays.sort(sorted);
			int rank = (int) Math.ceil(p / 100.0 * n);
			return sorted[Math.min(n - 1, Math.max(0, rank - 1))];
		}

		/** Latency percentile in ms (nearest rank), over all confirmations seen. */
		synchronized long percentile(double p) {
			if (this.latencyCount == 0) {
				return -1;
			}
			long[] sorted = Arrays.copyOf(this.latencies, this.latencyCount);
			Arrays.sort(sorted);
			int rank = (int) Math.ceil(p / 100.0 * sorted.length);
			return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
		}

	}

	static Map<UUID, Long> newTimestampMap(int expected) {
		return new ConcurrentHashMap<>(Math.max(16, expected * 4 / 3 + 1));
	}

}
