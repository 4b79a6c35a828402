package com.studytracker.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.studytracker.testsupport.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CloudEvents in both Kafka modes, end to end, sent as kcat sends them: raw UTF-8 values
 * and raw {@code name=value} headers.
 */
class CloudEventIngestionTest extends IntegrationTest {

	private static final String TOPIC_TYPE = "ce_type=studytracker.topic-created.v1";

	private static final String SESSION_TYPE = "ce_type=studytracker.session-logged.v1";

	private static final String TIME = "2026-11-25T09:30:00Z";

	@Test
	void aBinaryModeTopicCreatedIsStoredAndConfirmedAsABinaryCloudEvent() {
		UUID id = UUID.randomUUID();
		this.kafka.sendLikeKcat(TOPICS, id.toString(), "{\"name\":\"Binary algebra\"}", binary(id, TOPIC_TYPE));

		ConsumerRecord<byte[], byte[]> confirmation = confirmation(TOPIC_CONFIRMATIONS, id);
		JsonNode data = json(confirmation);
		assertThat(data.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(header(confirmation, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(confirmation, "ce_type")).isEqualTo("studytracker.confirmation.v1");
		assertThat(header(confirmation, "ce_source")).isEqualTo("urn:studytracker");
		assertThat(header(confirmation, "ce_subject")).isEqualTo(id.toString());
		assertThat(header(confirmation, "ce_time")).isEqualTo(data.get("processedAt").asString());
		assertThat(UUID.fromString(header(confirmation, "ce_id")).version()).isEqualTo(5);
		assertThat(header(confirmation, "content-type")).isEqualTo("application/json");
		assertThat(this.jdbc.queryForObject("select occurred_at = timestamptz '" + TIME
				+ "' and name = 'Binary algebra' from topics where event_id = ?", Boolean.class, id))
			.isTrue();
	}

	@Test
	void aBinaryCloudEventWrittenByTheCloudEventsSdkIsAccepted() {
		UUID id = UUID.randomUUID();
		CloudEvent event = CloudEventBuilder.v1()
			.withId(id.toString())
			.withSource(URI.create("/sdk-producer"))
			.withType("studytracker.topic-created.v1")
			.withTime(OffsetDateTime.parse(TIME))
			.withData("application/json", "{\"name\":\"SDK algebra\"}".getBytes(StandardCharsets.UTF_8))
			.build();
		ProducerRecord<?, byte[]> written = KafkaMessageFactory.createWriter(TOPICS).writeBinary(event);
		this.kafka
			.send(new ProducerRecord<byte[], byte[]>(TOPICS, null, (byte[]) null, written.value(), written.headers()));

		ConsumerRecord<byte[], byte[]> confirmation = confirmation(TOPIC_CONFIRMATIONS, id);
		CloudEvent read = KafkaMessageFactory.createReader(confirmation.headers(), confirmation.value()).toEvent();
		assertThat(read.getType()).isEqualTo("studytracker.confirmation.v1");
		assertThat(read.getSubject()).isEqualTo(id.toString());
		assertThat(json(confirmation).get("status").asString()).isEqualTo("ACCEPTED");
	}

	@Test
	void aStructuredSessionLoggedGetsAStructuredConfirmation() {
		UUID topicEventId = UUID.randomUUID();
		int topicId = createTopic(topicEventId);
		UUID id = UUID.randomUUID();
		this.kafka.sendLikeKcat(SESSIONS, topicEventId.toString(), structured(id, "studytracker.session-logged.v1",
				"{\"topicEventId\":\"" + topicEventId + "\",\"durationMinutes\":25}"), STRUCTURED);

		ConsumerRecord<byte[], byte[]> confirmation = confirmation(SESSION_CONFIRMATIONS, id);
		JsonNode event = json(confirmation);
		assertThat(header(confirmation, "content-type")).isEqualTo("application/cloudevents+json");
		assertThat(event.get("specversion").asString()).isEqualTo("1.0");
		assertThat(event.get("type").asString()).isEqualTo("studytracker.confirmation.v1");
		assertThat(event.get("subject").asString()).isEqualTo(id.toString());
		assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
		assertThat(event.get("data").get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(event.get("data").get("topicId").asInt()).isEqualTo(topicId);
		assertThat(event.get("time").asString()).isEqualTo(event.get("data").get("processedAt").asString());
		assertThat(rowsWithEventId("sessions", id)).isEqualTo(1);
	}

	@Test
	void aCloudEventWhoseIdDiffersFromTheBodyEventIdIsRejectedAtEventId() {
		UUID id = UUID.randomUUID();
		RecordMetadata sent = this.kafka.sendLikeKcat(TOPICS, null,
				"{\"eventId\":\"" + UUID.randomUUID() + "\",\"name\":\"Two ids\"}", binary(id, TOPIC_TYPE));

		JsonNode data = json(confirmation(TOPIC_CONFIRMATIONS, id));
		assertThat(data.get("status").asString()).isEqualTo("REJECTED");
		assertThat(data.get("reason").get("code").asString()).isEqualTo("INVALID_EVENT");
		assertThat(data.get("reason").get("details").get(0).get("pointer").asString()).isEqualTo("/eventId");
		assertThat(rowsWithEventId("topics", id)).isZero();
		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent)).hasSize(1));
		assertThat(header(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent).get(0), "ce_id")).isEqualTo(id.toString());
	}

	@Test
	void aCloudEventOfTheWrongTypeForItsTopicIsRejected() {
		UUID id = UUID.randomUUID();
		this.kafka.sendLikeKcat(TOPICS, null, "{\"name\":\"Wrong stream\"}", binary(id, SESSION_TYPE));

		JsonNode data = json(confirmation(TOPIC_CONFIRMATIONS, id));
		assertThat(data.get("reason").get("code").asString()).isEqualTo("INVALID_EVENT");
		assertThat(data.get("reason").get("details").get(0).get("pointer").asString()).isEqualTo("/type");
		assertThat(data.get("reason").get("details").get(0).get("message").asString())
			.isEqualTo("must be studytracker.topic-created.v1 on this stream");
	}

	@Test
	void aPlainResendOfACloudEventIsTheSameEvent() {
		UUID id = UUID.randomUUID();
		this.kafka.sendLikeKcat(TOPICS, null, "{\"name\":\"Sent twice\"}", binary(id, TOPIC_TYPE));
		ConsumerRecord<byte[], byte[]> first = confirmation(TOPIC_CONFIRMATIONS, id);
		this.kafka.sendLikeKcat(TOPICS, null,
				"{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-11-25T10:30:00+01:00\",\"name\":\"Sent twice\"}");

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, id)).hasSize(2));
		ConsumerRecord<byte[], byte[]> plain = this.kafka.confirmations(TOPIC_CONFIRMATIONS, id).get(1);
		assertThat(plain.value()).isEqualTo(first.value());
		assertThat(plain.headers().toArray()).isEmpty();
		assertThat(rowsWithEventId("topics", id)).isEqualTo(1);
	}

	@Test
	void aStructuredResendOfAPlainEventIsTheSameEvent() {
		UUID id = UUID.randomUUID();
		this.kafka.sendLikeKcat(TOPICS, null,
				"{\"eventId\":\"" + id + "\",\"occurredAt\":\"" + TIME + "\",\"name\":\"Plain first\"}");
		JsonNode plain = json(confirmation(TOPIC_CONFIRMATIONS, id));
		this.kafka.sendLikeKcat(TOPICS, null,
				structured(id, "studytracker.topic-created.v1", "{\"name\":\"Plain first\"}"), STRUCTURED);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, id)).hasSize(2));
		assertThat(json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, id).get(1)).get("data")).isEqualTo(plain);
		assertThat(rowsWithEventId("topics", id)).isEqualTo(1);
	}

	@Test
	void aParkedBinarySessionIsConfirmedAsABinaryCloudEventWhenItsTopicArrives() {
		UUID topicEventId = UUID.randomUUID();
		UUID id = UUID.randomUUID();
		this.kafka.sendLikeKcat(SESSIONS, topicEventId.toString(),
				"{\"topicEventId\":\"" + topicEventId + "\",\"durationMinutes\":40}", binary(id, SESSION_TYPE));
		await().until(() -> rowsWithEventId("pending_sessions", id) == 1);

		createTopic(topicEventId);

		ConsumerRecord<byte[], byte[]> confirmation = confirmation(SESSION_CONFIRMATIONS, id);
		assertThat(json(confirmation).get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(header(confirmation, "ce_type")).isEqualTo("studytracker.confirmation.v1");
		assertThat(header(confirmation, "ce_subject")).isEqualTo(id.toString());
		assertThat(header(confirmation, "content-type")).isEqualTo("application/json");
	}

	@Test
	void eachCopyOfAParkedSessionIsConfirmedInItsOwnMode() {
		UUID topicEventId = UUID.randomUUID();
		UUID id = UUID.randomUUID();
		String body = "{\"topicEventId\":\"" + topicEventId + "\",\"durationMinutes\":40}";
		this.kafka.sendLikeKcat(SESSIONS, null,
				"{\"eventId\":\"" + id + "\",\"occurredAt\":\"" + TIME + "\"," + body.substring(1));
		await().until(() -> rowsWithEventId("pending_sessions", id) == 1);
		this.kafka.sendLikeKcat(SESSIONS, null, body, binary(id, SESSION_TYPE));
		await().until(() -> this.jdbc.queryForObject(
				"select count(*) from pending_session_copies where event_id = ? and envelope = 'BINARY'", Integer.class,
				id) == 1);

		createTopic(topicEventId);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(SESSION_CONFIRMATIONS, id)).hasSize(2));
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(SESSION_CONFIRMATIONS, id);
		assertThat(confirmations).extracting(record -> record.headers().lastHeader("ce_type") != null)
			.containsExactlyInAnyOrder(false, true);
		assertThat(confirmations.get(0).value()).isEqualTo(confirmations.get(1).value());
	}

	@Test
	void aParkedStructuredSessionThatExpiresIsRejectedAsAStructuredCloudEventAndDeadLetteredWithItsHeaders() {
		UUID id = UUID.randomUUID();
		String value = structured(id, "studytracker.session-logged.v1",
				"{\"topicEventId\":\"" + UUID.randomUUID() + "\",\"durationMinutes\":40}");
		RecordMetadata sent = this.kafka.sendLikeKcat(SESSIONS, null, value, STRUCTURED, "traceless=kept");

		ConsumerRecord<byte[], byte[]> confirmation = confirmation(SESSION_CONFIRMATIONS, id);
		assertThat(header(confirmation, "content-type")).isEqualTo("application/cloudevents+json");
		assertThat(json(confirmation).get("data").get("reason").get("code").asString()).isEqualTo("UNKNOWN_TOPIC");
		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent)).hasSize(1));
		ConsumerRecord<byte[], byte[]> deadLetter = this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent).get(0);
		assertThat(header(deadLetter, "content-type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
		assertThat(header(deadLetter, "traceless")).isEqualTo("kept");
		assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo(value);
	}

	@Test
	void anUnreadableStructuredCloudEventIsDeadLetteredWithItsHeaders() {
		RecordMetadata sent = this.kafka.sendLikeKcat(SESSIONS, null,
				"{\"specversion\":\"1.0\",\"id\":\"not-a-uuid\",\"data\":{}}", STRUCTURED, "ce_custom=x");

		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent)).hasSize(1));
		ConsumerRecord<byte[], byte[]> deadLetter = this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent).get(0);
		assertThat(header(deadLetter, "studytracker-rejection-code")).isEqualTo("UNREADABLE");
		assertThat(header(deadLetter, "kafka_dlt-exception-message"))
			.isEqualTo("UNREADABLE: no valid CloudEvents id (a UUID string) at /id");
		assertThat(header(deadLetter, "content-type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
		assertThat(header(deadLetter, "ce_custom")).isEqualTo("x");
		assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8))
			.isEqualTo("{\"specversion\":\"1.0\",\"id\":\"not-a-uuid\",\"data\":{}}");
	}

	private static final String STRUCTURED = "content-type=application/cloudevents+json; charset=UTF-8";

	private static String[] binary(UUID id, String type) {
		return new String[] { "ce_specversion=1.0", "ce_id=" + id, "ce_source=/producer-app", type, "ce_time=" + TIME,
				"content-type=application/json" };
	}

	private static String structured(UUID id, String type, String data) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/producer-app\",\"type\":\"" + type
				+ "\",\"time\":\"" + TIME + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
	}

	private ConsumerRecord<byte[], byte[]> confirmation(String topic, UUID id) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.confirmations(topic, id)).isNotEmpty());
		List<ConsumerRecord<byte[], byte[]>> confirmations = this.kafka.confirmations(topic, id);
		return confirmations.get(0);
	}

}
