package com.studytracker.benchmark;

import com.studytracker.testsupport.ServiceTopics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's event stream: 10% TopicCreated, 90% SessionLogged with ~100-character
 * notes. Every tenth event creates a topic; each session references (by
 * {@code topicEventId}) a topic chosen uniformly among those this workload created before
 * it, so topics are produced before their sessions. Sessions are keyed by their topic
 * reference (as the contract recommends), topics by their event id. Deterministic for a
 * given seed.
 */
final class Workload {

	private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyz      ".toCharArray();

	private final Random random;

	private final List<UUID> topics = new ArrayList<>();

	private long sequence;

	Workload(long seed) {
		this.random = new Random(seed);
	}

	/** One event, ready to send. */
	record Event(boolean topic, UUID eventId, byte[] key, byte[] value) {
	}

	/**
	 * After the tables were emptied: sessions must only reference topics created from now
	 * on.
	 */
	void forgetTopics() {
		this.topics.clear();
	}

	Event next() {
		long i = this.sequence++;
		UUID eventId = new UUID(this.random.nextLong(), this.random.nextLong());
		// a version-4 UUID, like a producer's UUID.randomUUID()
		eventId = new UUID((eventId.getMostSignificantBits() & ~0xF000L) | 0x4000L,
				(eventId.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
		if (i % 10 == 0 || this.topics.isEmpty()) {
			this.topics.add(eventId);
			String json = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"Topic "
					+ i + "\",\"description\":\"Benchmark topic number " + i + "\"}";
			return new Event(true, eventId, utf8(eventId.toString()), utf8(json));
		}
		UUID topic = this.topics.get(this.random.nextInt(this.topics.size()));
		String json = "{\"eventId\":\"" + eventId
				+ "\",\"occurredAt\":\"2026-11-25T23:30:00-02:00\",\"topicEventId\":\"" + topic
				+ "\",\"durationMinutes\":" + (1 + this.random.nextInt(240)) + ",\"notes\":\"" + notes() + "\"}";
		return new Event(false, eventId, utf8(topic.toString()), utf8(json));
	}

	private String notes() {
		char[] text = new char[100];
		for (int i = 0; i < text.length; i++) {
			text[i] = LETTERS[this.random.nextInt(LETTERS.length)];
		}
		text[0] = 'N';
		text[text.length - 1] = '.';
		return new String(text);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A producer as an upstream application would configure it (acks=all, idempotent).
	 */
	static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, String clientId, int lingerMs) {
		return producer(bootstrapServers, clientId, lingerMs, Map.of());
	}

	/**
	 * A transactional producer: what it preloads stays invisible to the service (which
	 * reads {@code read_committed}) until {@code commitTransaction()}, so a backlog can be
	 * built behind a running, warm service and released at once.
	 */
	static KafkaProducer<byte[], byte[]> transactionalProducer(String bootstrapServers, String transactionalId) {
		KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers, transactionalId, 10,
				Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
						ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 900_000));
		producer.initTransactions();
		return producer;
	}

	private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, String clientId, int lingerMs,
			Map<String, Object> extra) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
		properties.putAll(extra);
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * Sends {@code count} events as fast as the producer goes and waits for all acks;
	 * records each event's input timestamp in {@code inputTimestamps}.
	 */
	void preload(KafkaProducer<byte[], byte[]> producer, ServiceTopics topics, int count,
			Map<UUID, Long> inputTimestamps) {
		AtomicReference<Exception> failure = new AtomicReference<>();
		for (int n = 0; n < count; n++) {
			send(producer, topics, inputTimestamps, failure);
		}
		producer.flush();
		if (failure.get() != null) {
			throw new IllegalStateException("Preload failed", failure.get());
		}
	}

	/**
	 * Sends events at a fixed rate for the given duration (the load of a live system);
	 * returns how many were sent.
	 */
	int produceAtRate(KafkaProducer<byte[], byte[]> producer, ServiceTopics topics, int perSecond, Duration duration,
			Map<UUID, Long> inputTimestamps) throws InterruptedException {
		AtomicReference<Exception> failure = new AtomicReference<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		int sent = 0;
		while (true) {
			long now = System.nanoTime();
			if (now >= end) {
				break;
			}
			long due = (now - start) * perSecond / TimeUnit.SECONDS.toNanos(1);
			while (sent < due) {
				send(producer, topics, inputTimestamps, failure);
				sent++;
			}
			Thread.sleep(1);
		}
		producer.flush();
		if (failure.get() != null) {
			throw new IllegalStateException("Rate producer failed", failure.get());
		}
		return sent;
	}

	private void send(KafkaProducer<byte[], byte[]> producer, ServiceTopics topics, Map<UUID, Long> inputTimestamps,
			AtomicReference<Exception> failure) {
		Event event = next();
		long timestamp = System.currentTimeMillis();
		inputTimestamps.put(event.eventId(), timestamp);
		String topic = event.topic() ? topics.topicInput() : topics.sessionInput();
		producer.send(new ProducerRecord<>(topic, null, timestamp, event.key(), event.value()), (metadata, ex) -> {
			if (ex != null) {
				failure.compareAndSet(null, ex);
			}
		});
	}

}
