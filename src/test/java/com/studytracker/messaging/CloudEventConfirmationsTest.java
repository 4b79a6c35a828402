package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.Confirmation;
import com.studytracker.contract.ConfirmationJson;
import com.studytracker.contract.Envelope;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Confirmations in each envelope, without Kafka; the binary one read by the SDK. */
class CloudEventConfirmationsTest {

	private final CloudEventConfirmations confirmations = confirmations("urn:studytracker");

	private final Confirmation confirmation = Confirmation.topicAccepted(UUID.randomUUID(), 7,
			Instant.parse("2026-11-27T06:00:00.123456Z"));

	private final byte[] json = new ConfirmationJson().write(this.confirmation);

	private static CloudEventConfirmations confirmations(String source) {
		return new CloudEventConfirmations(new StudyTrackerProperties(null, null, null, null, null,
				new StudyTrackerProperties.CloudEvents(source), null));
	}

	@Test
	void aPlainConfirmationIsTheConfirmationJsonWithoutHeaders() {
		RecordHeaders headers = new RecordHeaders();
		assertThat(this.confirmations.value(this.confirmation, this.json, Envelope.PLAIN, headers)).isSameAs(this.json);
		assertThat(headers.toArray()).isEmpty();
	}

	@Test
	void theCloudEventsSdkReadsABinaryConfirmation() {
		RecordHeaders headers = new RecordHeaders();
		byte[] value = this.confirmations.value(this.confirmation, this.json, Envelope.BINARY, headers);

		CloudEvent event = KafkaMessageFactory.createReader(headers, value).toEvent();

		assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
		assertThat(event.getType()).isEqualTo("studytracker.confirmation.v1");
		assertThat(event.getSource().toString()).isEqualTo("urn:studytracker");
		assertThat(event.getSubject()).isEqualTo(this.confirmation.eventId().toString());
		assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse(this.confirmation.processedAt()));
		assertThat(event.getDataContentType()).isEqualTo("application/json");
		assertThat(event.getData().toBytes()).isEqualTo(this.json);
	}

	@Test
	void aStructuredConfirmationIsACloudEventWhoseDataIsTheConfirmationJson() {
		RecordHeaders headers = new RecordHeaders();
		// A source JSON must escape, to see it escaped.
		byte[] value = confirmations("/studytracker/\"eu\"").value(this.confirmation, this.json, Envelope.STRUCTURED,
				headers);

		JsonNode event = JsonMapper.builder().build().readTree(value);
		assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
			.isEqualTo("application/cloudevents+json");
		assertThat(event.get("source").asString()).isEqualTo("/studytracker/\"eu\"");
		assertThat(event.get("id").asString()).isEqualTo(CloudEventConfirmations.id(this.json).toString());
		assertThat(event.get("data")).isEqualTo(JsonMapper.builder().build().readTree(this.json));
		assertThat(event.get("time").asString()).isEqualTo("2026-11-27T06:00:00.123456Z");
	}

	@Test
	void theIdIsAVersion5UuidOfTheConfirmationSoEqualConfirmationsShareIt() {
		UUID id = CloudEventConfirmations.id(this.json);
		assertThat(id.version()).isEqualTo(5);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(CloudEventConfirmations.id(this.json.clone())).isEqualTo(id);
		assertThat(CloudEventConfirmations.id("{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(id);
	}

}
