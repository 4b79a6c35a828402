package com.studytracker.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Decoded;
import com.studytracker.contract.EventReader;
import com.studytracker.contract.EventType;
import com.studytracker.session.SessionLogged;
import com.studytracker.topic.TopicCreated;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The naive implementation the issue compares us with, written here and not in the
 * service: one record-at-a-time listener per input topic (like a {@code @KafkaListener}
 * with concurrency 1 and Spring Kafka's default BATCH ack mode), which for every record
 * validates it against the same JSON schemas, writes its row in a transaction of its own,
 * and sends its confirmation synchronously ({@code send(...).get()}) with the Kafka
 * client's default producer settings ({@code acks=all}, {@code linger.ms=5}). Rows go
 * through plain JDBC rather than JPA {@code saveAndFlush}: the per-row commit and the
 * synchronous send dominate either way, and JDBC only makes the baseline faster.
 */
final class NaiveBaseline implements AutoCloseable {

	private final String bootstrapServers;

	private final BenchDatabase database;

	private final ServiceTopics topics;

	private final int lingerMs;

	private final EventReader reader;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	private volatile Throwable failure;

	NaiveBaseline(String bootstrapServers, BenchDatabase database, ServiceTopics topics, int lingerMs) {
		this.bootstrapServers = bootstrapServers;
		this.database = database;
		this.topics = topics;
		this.lingerMs = lingerMs;
		StudyTrackerProperties.Stream stream = new StudyTrackerProperties.Stream("in", "out", "dlt");
		this.reader = new EventReader(new StudyTrackerProperties(new StudyTrackerProperties.Streams(stream, stream),
				new StudyTrackerProperties.Kafka("bench", 6, (short) 1, 1, Duration.ofSeconds(60)),
				new StudyTrackerProperties.Limits(1048576, 32, 100),
				new StudyTrackerProperties.Pending(Duration.ofSeconds(30), Duration.ofMillis(500), 1000,
						org.springframework.util.unit.DataSize.ofMegabytes(16), Duration.ZERO),
				new StudyTrackerProperties.Rejections(Duration.ofDays(30), Duration.ofMinutes(10), 1000),
				new StudyTrackerProperties.CloudEvents("urn:studytracker"), new StudyTrackerProperties.Reads(50, 500, 0, 8, java.time.Duration.ofSeconds(1))));
	}

	void start() {
		this.threads.add(new Thread(() -> listen(this.topics.topicInput(), true), "baseline-topic-created"));
		this.threads.add(new Thread(() -> listen(this.topics.sessionInput(), false), "baseline-session-logged"));
		this.threads.forEach(Thread::start);
	}

	Throwable failure() {
		return this.failure;
	}

	private void listen(String topic, boolean topics) {
		Properties consumerProperties = new Properties();
		consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline");
		consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG,
				"bench-baseline-consumer-" + (topics ? "topics" : "sessions"));
		consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		Properties producerProperties = new Properties();
		producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		producerProperties.put(ProducerConfig.CLIENT_ID_CONFIG,
				"bench-baseline-producer-" + (topics ? "topics" : "sessions"));
		producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
		producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, this.lingerMs);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties,
						new ByteArraySerializer(), new ByteArraySerializer());
				Connection connection = this.database.connect()) {
			connection.setAutoCommit(false);
			consumer.subscribe(List.of(topic));
			while (this.running) {
				var records = consumer.poll(Duration.ofMillis(100));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					Confirmation confirmation = topics ? storeTopic(connection, record)
							: storeSession(connection, record);
					String out = topics ? this.topics.topicConfirmations() : this.topics.sessionConfirmations();
					producer
						.send(new ProducerRecord<>(out, confirmation.eventId().toString().getBytes(),
								this.json.writeValueAsBytes(confirmation)))
						.get(60, TimeUnit.SECONDS);
				}
				if (!records.isEmpty()) {
					consumer.commitSync();
				}
			}
		}
		catch (Throwable ex) {
			if (this.running) {
				this.failure = ex;
			}
		}
	}

	private Confirmation storeTopic(Connection connection, ConsumerRecord<byte[], byte[]> record) throws SQLException {
		Decoded<TopicCreated> decoded = this.reader.read(EventType.TOPIC_CREATED, record.value(), TopicCreated.class);
		if (!(decoded instanceof Decoded.Valid<TopicCreated> valid)) {
			throw new IllegalStateException("The benchmark sent an invalid topic: " + decoded);
		}
		TopicCreated event = valid.event();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into topics (name, description, created_at, event_id, occurred_at) values (?, ?, ?, ?, ?)
				on conflict (event_id) do update set name = excluded.name returning id, created_at""")) {
			insert.setString(1, event.name());
			insert.setString(2, event.description());
			insert.setTimestamp(3, Timestamp.from(now));
			insert.setObject(4, event.eventId());
			insert.setTimestamp(5, Timestamp.from(event.occurredAt().toInstant()));
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				int id = rs.getInt(1);
				Instant createdAt = rs.getTimestamp(2).toInstant();
				connection.commit();
				return Confirmation.topicAccepted(event.eventId(), id, createdAt);
			}
		}
	}

	private Confirmation storeSession(Connection connection, ConsumerRecord<byte[], byte[]> record)
			throws SQLException, InterruptedException {
		Decoded<SessionLogged> decoded = this.reader.read(EventType.SESSION_LOGGED, record.value(),
				SessionLogged.class);
		if (!(decoded instanceof Decoded.Valid<SessionLogged> valid)) {
			throw new IllegalStateException("The benchmark sent an invalid session: " + decoded);
		}
		SessionLogged event = valid.event();
		int topicId = topicId(connection, event.topicEventId());
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into sessions (topic_id, study_date, duration_minutes, notes, created_at, event_id, occurred_at)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (event_id) do update set notes = excluded.notes returning id, created_at""")) {
			insert.setInt(1, topicId);
			insert.setObject(2, event.effectiveStudyDate());
			insert.setInt(3, event.durationMinutes());
			insert.setString(4, event.notes());
			insert.setTimestamp(5, Timestamp.from(now));
			insert.setObject(6, event.eventId());
			insert.setTimestamp(7, Timestamp.from(event.occurredAt().toInstant()));
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				int id = rs.getInt(1);
				Instant createdAt = rs.getTimestamp(2).toInstant();
				connection.commit();
				return Confirmation.sessionAccepted(event.eventId(), topicId, id, createdAt);
			}
		}
	}

	/**
	 * Its topic, waiting for the other listener if it has not stored it yet (rare: topics
	 * come first).
	 */
	private int topicId(Connection connection, UUID topicEventId) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try (PreparedStatement select = connection.prepareStatement("select id from topics where event_id = ?")) {
				select.setObject(1, topicEventId);
				try (ResultSet rs = select.executeQuery()) {
					if (rs.next()) {
						return rs.getInt(1); // same transaction as the insert that
												// follows
					}
				}
			}
			connection.commit();
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Topic " + topicEventId + " never arrived");
			}
			Thread.sleep(10);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(30_000);
		}
	}

}
