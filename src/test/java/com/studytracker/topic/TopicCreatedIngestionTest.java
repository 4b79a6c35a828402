package com.studytracker.topic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicCreatedIngestionTest extends IntegrationTest {

	@Test
	void acceptsTopicAndConfirmsWithTheIdTheDatabaseAssigned() {
		UUID eventId = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(eventId, "Linear algebra"));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode confirmation = json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0));
		Map<String, Object> row = this.jdbc.queryForMap("select id, name, created_at from topics where event_id = ?",
				eventId);
		assertThat(confirmation.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(confirmation.get("topicId").asInt()).isEqualTo(row.get("id"));
		assertThat(confirmation.get("eventId").asString()).isEqualTo(eventId.toString());
		assertThat(confirmation.has("processedAt")).isTrue();
		assertThat(row.get("name")).isEqualTo("Linear algebra");
	}

	@Test
	void redeliveredEventCreatesNoSecondRowAndIsConfirmedIdentically() {
		UUID eventId = UUID.randomUUID();
		String event = Events.json(Events.topicCreated(eventId, "Compilers"));
		this.kafka.send(TOPICS, eventId.toString(), event);
		await().until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).size() == 1);

		this.kafka.send(TOPICS, eventId.toString(), event);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId);
		assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
		assertThat(rowsWithEventId("topics", eventId)).isEqualTo(1);
	}

	@Test
	void sameContentWrittenDifferentlyIsADuplicateNotAConflict() {
		UUID eventId = UUID.randomUUID();
		this.kafka.send(TOPICS, null, "{\"eventId\":\"" + eventId
				+ "\",\"occurredAt\":\"2026-11-25T10:30:00+01:00\",\"name\":\"Rust\",\"description\":null}");
		await().until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).size() == 1);

		this.kafka.send(TOPICS, null,
				"{ \"name\": \"Rust\", \"extra\": [1, 2], \"occurredAt\": \"2026-11-25T09:30:00Z\",  \"eventId\": \""
						+ eventId + "\" }");

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId);
		assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
		assertThat(rowsWithEventId("topics", eventId)).isEqualTo(1);
	}

	@Test
	void rejectsSameEventIdWithDifferentContentAndLeavesTheRowUntouched() {
		UUID eventId = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(eventId, "Original"));
		await().until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).size() == 1);

		RecordMetadata conflicting = send(TOPICS, Events.topicCreated(eventId, "Changed"));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(2));
		JsonNode rejection = json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(1));
		assertThat(rejection.get("status").asString()).isEqualTo("REJECTED");
		assertThat(rejection.get("reason").get("code").asString()).isEqualTo("EVENT_ID_CONFLICT");
		assertThat(this.jdbc.queryForObject("select name from topics where event_id = ?", String.class, eventId))
			.isEqualTo("Original");
		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, conflicting)).hasSize(1));
	}

	@Test
	void storesTextExactlyAsSent() {
		UUID eventId = UUID.randomUUID();
		String name = "  Ünïcödé 😀 \"quoted\" 'x'); DROP TABLE topics; -- \\ \t ";
		String description = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧠📚 — ∑ \u2028 line\nbreak {\"json\": true} %s %n";
		Map<String, Object> event = Events.topicCreated(eventId, name);
		event.put("description", description);
		send(TOPICS, event);

		await().until(() -> rowsWithEventId("topics", eventId) == 1);
		Map<String, Object> row = this.jdbc.queryForMap("select name, description from topics where event_id = ?",
				eventId);
		assertThat(((String) row.get("name")).getBytes(StandardCharsets.UTF_8))
			.isEqualTo(name.getBytes(StandardCharsets.UTF_8));
		assertThat(row.get("description")).isEqualTo(description);
	}

}
