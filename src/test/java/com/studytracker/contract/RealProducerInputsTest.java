package com.studytracker.contract;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What real producers send (.NET's 7-digit timestamps, 9-digit ones, uppercase ids, lone
 * surrogates, padded names) through the real broker and database: stored exactly as sent
 * or rejected with a reason, every re-send confirmed identically, the partition flowing.
 */
class RealProducerInputsTest extends IntegrationTest {

	@Test
	void aTopicResentWithSevenOrNineFractionalDigitsGetsTheIdenticalConfirmation() {
		for (String occurredAt : List.of("2026-11-25T09:30:00.1234567Z", "2026-11-25T09:30:00.123456789+00:00")) {
			UUID eventId = UUID.randomUUID();
			String event = topic(eventId.toString(), occurredAt, "\"Precise\"");
			this.kafka.send(TOPICS, eventId.toString(), event);
			await().until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).size() == 1);

			this.kafka.send(TOPICS, eventId.toString(), event);

			await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(2));
			List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId);
			assertThat(json(confirmations.get(0)).get("status").asString()).as(occurredAt).isEqualTo("ACCEPTED");
			assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
			assertThat(this.jdbc.queryForObject("select occurred_at::text from topics where event_id = ?", String.class,
					eventId))
				.isEqualTo("2026-11-25 09:30:00.123456+00");
		}
	}

	@Test
	void aParkedSessionResentWithNineFractionalDigitsIsAcceptedOnceItsTopicArrives() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String session = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-25T10:00:00.987654321Z\","
				+ "\"topicEventId\":\"" + topicEventId + "\",\"durationMinutes\":25}";
		this.kafka.send(SESSIONS, topicEventId.toString(), session);
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 1);
		this.kafka.send(SESSIONS, topicEventId.toString(), session);

		createTopic(topicEventId);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).isNotEmpty());
		assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId))
			.allSatisfy(confirmation -> assertThat(json(confirmation).get("status").asString()).isEqualTo("ACCEPTED"));
		assertThat(rowsWithEventId("sessions", eventId)).isEqualTo(1);
	}

	@Test
	void aLoneSurrogateIsRejectedWithItsPointerAndNothingIsStored() {
		UUID eventId = UUID.randomUUID();
		RecordMetadata sent = this.kafka.send(TOPICS, null,
				topic(eventId.toString(), "2026-11-25T09:30:00Z", "\"Lone \\ud800 surrogate\""));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode reason = json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0)).get("reason");
		assertThat(reason.get("code").asString()).isEqualTo("INVALID_EVENT");
		assertThat(reason.get("details").get(0).get("pointer").asString()).isEqualTo("/name");
		assertThat(rowsWithEventId("topics", eventId)).isZero();
		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent)).hasSize(1));
	}

	@Test
	void anUppercaseEventIdIsConfirmedInCanonicalFormAndIsTheSameEventAsItsLowercaseForm() {
		UUID eventId = UUID.randomUUID();
		String upper = eventId.toString().toUpperCase(Locale.ROOT);
		this.kafka.send(TOPICS, upper, topic(upper, "2026-11-25T09:30:00Z", "\"Case\""));
		await().until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).size() == 1);

		this.kafka.send(TOPICS, eventId.toString(), topic(eventId.toString(), "2026-11-25T09:30:00Z", "\"Case\""));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId);
		assertThat(json(confirmations.get(0)).get("eventId").asString()).isEqualTo(eventId.toString());
		assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
		assertThat(rowsWithEventId("topics", eventId)).isEqualTo(1);
	}

	@Test
	void aHugeWhitespacePaddedNameIsRejectedAndTheNextEventOnItsPartitionIsAccepted() {
		String key = "padded-" + UUID.randomUUID();
		UUID padded = UUID.randomUUID();
		UUID next = UUID.randomUUID();
		String name = "\"" + " ".repeat(400_000) + "Vectors and maps" + " ".repeat(400_000) + "\"";
		this.kafka.send(TOPICS, key, topic(padded.toString(), "2026-11-25T09:30:00Z", name));
		this.kafka.send(TOPICS, key, topic(next.toString(), "2026-11-25T09:30:00Z", "\"Next\""));

		await().untilAsserted(() -> {
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, padded)).hasSize(1);
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, next)).hasSize(1);
		});
		JsonNode reason = json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, padded).get(0)).get("reason");
		assertThat(reason.get("code").asString()).isEqualTo("INVALID_EVENT");
		assertThat(reason.get("details").toString()).contains("/name").contains("600");
		assertThat(json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, next).get(0)).get("status").asString())
			.isEqualTo("ACCEPTED");
	}

	private static String topic(String eventId, String occurredAt, String nameJson) {
		return "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"" + occurredAt + "\",\"name\":" + nameJson + "}";
	}

}
