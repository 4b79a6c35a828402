package com.studytracker.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import com.studytracker.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SessionLoggedIngestionTest extends IntegrationTest {

	@Test
	void acceptsSessionForAKnownTopicReferencedById() {
		int topicId = createTopic(UUID.randomUUID());
		UUID eventId = UUID.randomUUID();
		Map<String, Object> event = Events.sessionLogged(eventId, UUID.randomUUID(), 45);
		event.remove("topicEventId");
		event.put("topicId", topicId);
		send(SESSIONS, event);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode confirmation = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0));
		Map<String, Object> row = this.jdbc
			.queryForMap("select id, topic_id, duration_minutes from sessions where event_id = ?", eventId);
		assertThat(confirmation.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(confirmation.get("sessionId").asInt()).isEqualTo(row.get("id"));
		assertThat(confirmation.get("topicId").asInt()).isEqualTo(topicId).isEqualTo(row.get("topic_id"));
		assertThat(row.get("duration_minutes")).isEqualTo(45);
	}

	@Test
	void acceptsSessionReferencingItsTopicByTheTopicsEventId() {
		UUID topicEventId = UUID.randomUUID();
		int topicId = createTopic(topicEventId);
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 30));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		assertThat(json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0)).get("topicId").asInt())
			.isEqualTo(topicId);
	}

	@Test
	void defaultsTheStudyDateToTheUtcDateOfOccurredAt() {
		UUID topicEventId = UUID.randomUUID();
		createTopic(topicEventId);
		UUID eventId = UUID.randomUUID();
		// 23:30 at -02:00 is 01:30 UTC the next day.
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 30));

		await().until(() -> rowsWithEventId("sessions", eventId) == 1);
		assertThat(this.jdbc.queryForObject("select study_date::text from sessions where event_id = ?", String.class,
				eventId))
			.isEqualTo("2026-11-26");
	}

	@Test
	void sessionSentBeforeItsTopicWaitsAndIsAcceptedWhenTheTopicArrives() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 20));
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 1);
		assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).isEmpty();

		int topicId = createTopic(topicEventId);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode confirmation = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0));
		assertThat(confirmation.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(confirmation.get("topicId").asInt()).isEqualTo(topicId);
		assertThat(rowsWithEventId("sessions", eventId)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?", Integer.class,
				eventId))
			.isZero();
	}

	@Test
	void rejectsSessionWhoseTopicNeverArrivesAfterTheGracePeriod() {
		UUID eventId = UUID.randomUUID();
		String event = Events.json(Events.sessionLogged(eventId, UUID.randomUUID(), 20));
		RecordMetadata sent = this.kafka.send(SESSIONS, "some-key", event);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode confirmation = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0));
		assertThat(confirmation.get("status").asString()).isEqualTo("REJECTED");
		assertThat(confirmation.get("reason").get("code").asString()).isEqualTo("UNKNOWN_TOPIC");
		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent)).hasSize(1));
		ConsumerRecord<byte[], byte[]> deadLetter = this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent).get(0);
		assertThat(deadLetter.value()).isEqualTo(event.getBytes(StandardCharsets.UTF_8));
		assertThat(deadLetter.key()).isEqualTo("some-key".getBytes(StandardCharsets.UTF_8));
		assertThat(KafkaTestClient.header(deadLetter, "studytracker-rejection-code")).isEqualTo("UNKNOWN_TOPIC");
		assertThat(rowsWithEventId("sessions", eventId)).isZero();
	}

	@Test
	void aWaitingSessionDoesNotHoldBackLaterRecordsOfItsPartition() {
		String key = "same-partition-" + UUID.randomUUID();
		UUID waiting = UUID.randomUUID();
		this.kafka.send(SESSIONS, key, Events.json(Events.sessionLogged(waiting, UUID.randomUUID(), 10)));
		UUID topicEventId = UUID.randomUUID();
		createTopic(topicEventId);
		UUID next = UUID.randomUUID();
		this.kafka.send(SESSIONS, key, Events.json(Events.sessionLogged(next, topicEventId, 10)));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, next)).hasSize(1));
		assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, waiting)).isEmpty();
	}

	@Test
	void redeliveredSessionCreatesNoSecondRowAndIsConfirmedIdentically() {
		UUID topicEventId = UUID.randomUUID();
		createTopic(topicEventId);
		UUID eventId = UUID.randomUUID();
		String event = Events.json(Events.sessionLogged(eventId, topicEventId, 50));
		this.kafka.send(SESSIONS, topicEventId.toString(), event);
		await().until(() -> this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).size() == 1);

		this.kafka.send(SESSIONS, topicEventId.toString(), event);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId);
		assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
		assertThat(rowsWithEventId("sessions", eventId)).isEqualTo(1);
	}

	@Test
	void rejectsSessionWithSameEventIdButDifferentDuration() {
		UUID topicEventId = UUID.randomUUID();
		createTopic(topicEventId);
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 50));
		await().until(() -> this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).size() == 1);

		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 51));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(2));
		JsonNode rejection = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(1));
		assertThat(rejection.get("reason").get("code").asString()).isEqualTo("EVENT_ID_CONFLICT");
		assertThat(rejection.get("reason").get("message").asString()).contains("durationMinutes");
		assertThat(this.jdbc.queryForObject("select duration_minutes from sessions where event_id = ?", Integer.class,
				eventId))
			.isEqualTo(50);
	}

}
