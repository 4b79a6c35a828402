package com.studytracker.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which sessions wait for their topic, and that a decision about a waiting session, once
 * recorded, is final and answered to every re-send.
 */
class ParkedSessionDecisionsTest extends IntegrationTest {

	@Test
	void aSessionNamingAnUnknownTopicIdIsRejectedAtOnceAndNeverParked() {
		UUID eventId = UUID.randomUUID();
		Map<String, Object> event = Events.sessionLogged(eventId, UUID.randomUUID(), 30);
		event.remove("topicEventId");
		event.put("topicId", 2_000_000_000);
		send(SESSIONS, event);

		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode reason = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0)).get("reason");
		assertThat(reason.get("code").asString()).isEqualTo("UNKNOWN_TOPIC");
		assertThat(reason.get("message").asString()).contains("2000000000").contains("topicEventId");
		assertThat(this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?", Integer.class,
				eventId))
			.isZero();
	}

	@Test
	void aRecordedRejectionIsRepublishedNotRedecidedEvenIfTheTopicArrivedSince() {
		UUID topicEventId = UUID.randomUUID();
		createTopic(topicEventId);
		UUID eventId = UUID.randomUUID();
		// As a sweep leaves it when it crashes after deciding, before publishing.
		parkDecidedRejection(eventId, topicEventId, "null");

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode confirmation = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0));
		assertThat(confirmation.get("status").asString()).isEqualTo("REJECTED");
		assertThat(confirmation.get("reason").get("code").asString()).isEqualTo("UNKNOWN_TOPIC");
		assertThat(confirmation.get("processedAt").asString()).isEqualTo("2026-11-25T12:00:00Z");
		assertThat(rowsWithEventId("sessions", eventId)).isZero();
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 0);
	}

	@Test
	void aResendOfASessionWhoseRejectionIsRecordedGetsThatRejection() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		// Claimed by a (crashed) sweep: the resolver leaves it alone for a minute.
		parkDecidedRejection(eventId, topicEventId, "now() + interval '1 minute'");

		send(SESSIONS, session(eventId, topicEventId));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode confirmation = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0));
		assertThat(confirmation.get("reason").get("code").asString()).isEqualTo("UNKNOWN_TOPIC");
		assertThat(confirmation.get("processedAt").asString()).isEqualTo("2026-11-25T12:00:00Z");
	}

	@Test
	void aSessionSentTwiceWhileItWaitsGetsAConfirmationAndADeadLetterForEachCopy() {
		UUID eventId = UUID.randomUUID();
		String event = Events.json(session(eventId, UUID.randomUUID()));
		RecordMetadata first = this.kafka.send(SESSIONS, "first", event);
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 1);
		RecordMetadata second = this.kafka.send(SESSIONS, "second", event);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId);
		assertThat(json(confirmations.get(0)).get("reason").get("code").asString()).isEqualTo("UNKNOWN_TOPIC");
		assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
		await().untilAsserted(() -> {
			assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, first)).hasSize(1);
			assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, second)).hasSize(1);
		});
	}

	@Test
	void everyCopyOfAWaitingSessionIsConfirmedOnceItsTopicArrives() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String event = Events.json(session(eventId, topicEventId));
		this.kafka.send(SESSIONS, "first", event);
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 1);
		this.kafka.send(SESSIONS, "second", event);
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_session_copies where event_id = ?",
				Integer.class, eventId) == 1);

		createTopic(topicEventId);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId);
		assertThat(json(confirmations.get(0)).get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
		assertThat(rowsWithEventId("sessions", eventId)).isEqualTo(1);
	}

	@Test
	void aTransactionalTopicIsStoredAnAbortedOneNeverAndItsSessionIsRejectedAfterTheGracePeriod() throws Exception {
		UUID committed = UUID.randomUUID();
		UUID aborted = UUID.randomUUID();
		try (KafkaProducer<String, String> producer = transactionalProducer()) {
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(TOPICS, aborted.toString(),
					Events.json(Events.topicCreated(aborted, "Aborted"))));
			producer.flush();
			producer.abortTransaction();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(TOPICS, committed.toString(),
					Events.json(Events.topicCreated(committed, "Committed"))));
			producer.commitTransaction();
		}
		UUID session = UUID.randomUUID();
		send(SESSIONS, session(session, aborted));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, committed)).hasSize(1));
		// The grace period (3 s here) passes and the stream, ending in transaction
		// markers,
		// still counts as consumed: the session is decided.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, session)).hasSize(1));
		assertThat(json(this.kafka.confirmations(SESSION_CONFIRMATIONS, session).get(0)).get("reason")
			.get("code")
			.asString()).isEqualTo("UNKNOWN_TOPIC");
		assertThat(rowsWithEventId("topics", committed)).isEqualTo(1);
		assertThat(rowsWithEventId("topics", aborted)).isZero();
		assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, aborted)).isEmpty();
	}

	private KafkaProducer<String, String> transactionalProducer() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
		return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
	}

	private void parkDecidedRejection(UUID eventId, UUID topicEventId, String claimedUntil) {
		byte[] record = Events.json(session(eventId, topicEventId)).getBytes(StandardCharsets.UTF_8);
		this.jdbc.update("""
				insert into pending_sessions (event_id, topic_event_id, occurred_at, study_date, duration_minutes,
				  first_seen_at, rejected_at, claimed_until, source_topic, source_partition, source_offset,
				  source_timestamp, record_value)
				values (?, ?, '2026-11-25T23:30:00-02:00', '2026-11-26', 15, '2026-11-25T11:59:00Z',
				  '2026-11-25T12:00:00Z', %s, ?, 0, ?, 0, ?)""".formatted(claimedUntil), eventId, topicEventId,
				SESSIONS,
				// An offset no real record has: other tests find dead letters by offset.
				Long.MAX_VALUE - ThreadLocalRandom.current().nextInt(1_000_000), record);
		this.jdbc.update("insert into rejected_events (event_type, event_id, rejected_at) values "
				+ "('SESSION_LOGGED', ?, '2026-11-25T12:00:00Z')", eventId);
	}

	private static Map<String, Object> session(UUID eventId, UUID topicEventId) {
		return Events.sessionLogged(eventId, topicEventId, 15);
	}

}
