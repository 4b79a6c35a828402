package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
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

/**
 * Bad input gets a clear answer, is kept in the dead-letter topic, and never stops the
 * pipeline.
 */
class PoisonRecordTest extends IntegrationTest {

	@Test
	void rejectsAnInvalidEventListingEveryViolationWithItsPointer() {
		UUID eventId = UUID.randomUUID();
		String event = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"yesterday\",\"topicId\":1,\"topicEventId\":\""
				+ UUID.randomUUID() + "\",\"durationMinutes\":0,\"studyDate\":\"2026-02-30\"}";
		RecordMetadata sent = this.kafka.send(SESSIONS, null, event);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode reason = json(this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId).get(0)).get("reason");
		assertThat(reason.get("code").asString()).isEqualTo("INVALID_EVENT");
		List<String> pointers = reason.get("details")
			.valueStream()
			.map(detail -> detail.get("pointer").asString())
			.toList();
		assertThat(pointers).contains("/occurredAt", "/durationMinutes", "/studyDate", "");
		assertThat(reason.get("details").toString()).contains("at least 1 minute")
			.contains("exactly one of topicId or topicEventId")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent)).hasSize(1));
		assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent).get(0).value())
			.isEqualTo(event.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void rejectsAMissingRequiredFieldByItsPointer() {
		UUID eventId = UUID.randomUUID();
		this.kafka.send(TOPICS, null, "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}");

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode detail = json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0)).get("reason")
			.get("details")
			.get(0);
		assertThat(detail.get("pointer").asString()).isEqualTo("/name");
		assertThat(detail.get("message").asString()).isEqualTo("is required");
	}

	@Test
	void rejectsANameThatIsBlankOrTooLongAfterTrimming() {
		UUID blank = UUID.randomUUID();
		UUID tooLong = UUID.randomUUID();
		UUID paddedButFine = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(blank, "   "));
		send(TOPICS, Events.topicCreated(tooLong, "x".repeat(201)));
		send(TOPICS, Events.topicCreated(paddedButFine, "  " + "x".repeat(200) + "  "));

		await().untilAsserted(() -> {
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, blank)).hasSize(1);
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, tooLong)).hasSize(1);
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, paddedButFine)).hasSize(1);
		});
		assertThat(status(TOPIC_CONFIRMATIONS, blank)).isEqualTo("REJECTED");
		assertThat(status(TOPIC_CONFIRMATIONS, tooLong)).isEqualTo("REJECTED");
		assertThat(status(TOPIC_CONFIRMATIONS, paddedButFine)).isEqualTo("ACCEPTED");
	}

	@Test
	void rejectsTextContainingANulCharacterAsAnInvalidEvent() {
		UUID eventId = UUID.randomUUID();
		Map<String, Object> event = Events.topicCreated(eventId, "nul");
		event.put("description", "before\u0000after");
		send(TOPICS, event);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));
		JsonNode reason = json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0)).get("reason");
		assertThat(reason.get("code").asString()).isEqualTo("INVALID_EVENT");
		assertThat(reason.get("details").get(0).get("pointer").asString()).isEqualTo("/description");
		assertThat(rowsWithEventId("topics", eventId)).isZero();
	}

	@Test
	void deadLettersRecordsThatCannotBeReadWithTheirBytesAndKeyUnchanged() {
		byte[][] unreadable = { "not json at all".getBytes(StandardCharsets.UTF_8),
				"{\"eventId\": \"truncated".getBytes(StandardCharsets.UTF_8), new byte[0],
				{ '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' },
				"[1,2,3]".getBytes(StandardCharsets.UTF_8),
				"{\"eventId\":\"not-a-uuid\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
				("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8),
				("{\"eventId\":\"" + UUID.randomUUID() + "\",\"n\":" + "9".repeat(2000) + "}")
					.getBytes(StandardCharsets.UTF_8) };
		byte[] key = { 0, 1, 2, (byte) 0xFF };
		for (byte[] value : unreadable) {
			RecordMetadata sent = this.kafka.send(TOPICS, key, value);
			await().untilAsserted(() -> assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent)).hasSize(1));
			ConsumerRecord<byte[], byte[]> deadLetter = this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent).get(0);
			assertThat(deadLetter.value()).isEqualTo(value);
			assertThat(deadLetter.key()).isEqualTo(key);
			assertThat(KafkaTestClient.header(deadLetter, "studytracker-rejection-code")).isEqualTo("UNREADABLE");
			assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message")).isNotBlank();
		}
	}

	@Test
	void deadLettersARecordTooLargeToReadWithItsBytesIntact() {
		byte[] value = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		RecordMetadata sent = this.kafka.send(TOPICS, null, value);
		UUID good = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(good, "after the big one"));

		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent)).hasSize(1));
		assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent).get(0).value()).isEqualTo(value);
		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, good)).hasSize(1));
	}

	@Test
	void deadLettersARecordWithANullValue() {
		RecordMetadata sent = this.kafka.send(SESSIONS, "tombstone", (String) null);

		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent)).hasSize(1));
		assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent).get(0).value()).isNull();
	}

	@Test
	void aPoisonRecordDoesNotBlockTheRecordsBehindItOnItsPartition() {
		String key = "poison-" + UUID.randomUUID();
		this.kafka.send(TOPICS, key, "{{{{ not json");
		this.kafka.send(TOPICS, key, "{\"eventId\":\"" + UUID.randomUUID() + "\"}");
		UUID good = UUID.randomUUID();
		this.kafka.send(TOPICS, key, Events.json(Events.topicCreated(good, "after the poison")));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, good)).hasSize(1));
		assertThat(status(TOPIC_CONFIRMATIONS, good)).isEqualTo("ACCEPTED");
	}

	@Test
	void aRedeliveredInvalidEventIsRejectedWithIdenticalBytes() {
		UUID eventId = UUID.randomUUID();
		String event = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"name\":\"\"}";
		this.kafka.send(TOPICS, null, event);
		await().until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).size() == 1);

		this.kafka.send(TOPICS, null, event);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId);
		assertThat(confirmations.get(1).value()).isEqualTo(confirmations.get(0).value());
	}

	private String status(String topic, UUID eventId) {
		return json(this.kafka.confirmations(topic, eventId).get(0)).get("status").asString();
	}

}
