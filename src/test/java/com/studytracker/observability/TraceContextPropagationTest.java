package com.studytracker.observability;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import com.studytracker.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A producer's W3C {@code traceparent} continues, through the real broker, onto the
 * confirmation and the dead letter of its event: same trace, a new span of ours.
 */
class TraceContextPropagationTest extends IntegrationTest {

	@Test
	void continuesTheTraceOfAnAcceptedEventOntoItsConfirmation() {
		Traceparent parent = Traceparent.random();
		UUID eventId = UUID.randomUUID();
		sendTraced(TOPICS, eventId.toString(), Events.json(Events.topicCreated(eventId, "traced")), parent);

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));
		assertContinues(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0), parent);
	}

	@Test
	void continuesTheTraceOfARejectedEventOntoItsConfirmationAndItsDeadLetter() {
		Traceparent parent = Traceparent.random();
		UUID eventId = UUID.randomUUID();
		RecordMetadata sent = sendTraced(TOPICS, eventId.toString(), Events.json(Events.topicCreated(eventId, " ")),
				parent);

		await().untilAsserted(() -> {
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1);
			assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent)).hasSize(1);
		});
		assertContinues(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0), parent);
		ConsumerRecord<byte[], byte[]> deadLetter = this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent).get(0);
		assertContinues(deadLetter, parent);
		assertThat(KafkaTestClient.header(deadLetter, "producer-app")).isEqualTo("traced-producer");
	}

	@Test
	void continuesTheTraceOfAnUnreadableRecordOntoItsDeadLetter() {
		Traceparent parent = Traceparent.random();
		RecordMetadata sent = sendTraced(SESSIONS, null, "not json", parent);

		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent)).hasSize(1));
		assertContinues(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent).get(0), parent);
	}

	@Test
	void addsNoTraceToTheConfirmationOfAnUntracedEvent() {
		UUID eventId = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(eventId, "untraced"));

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));
		assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0).headers().headers("traceparent"))
			.isEmpty();
	}

	private RecordMetadata sendTraced(String topic, String key, String value, Traceparent traceparent) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value.getBytes(StandardCharsets.UTF_8));
		record.headers().add("traceparent", traceparent.toString().getBytes(StandardCharsets.UTF_8));
		record.headers().add("producer-app", "traced-producer".getBytes(StandardCharsets.UTF_8));
		return this.kafka.send(record);
	}

	private static void assertContinues(ConsumerRecord<byte[], byte[]> output, Traceparent parent) {
		List<Header> headers = List.of(output.headers().toArray());
		assertThat(headers.stream().filter(header -> header.key().equals("traceparent"))).hasSize(1);
		Traceparent child = Traceparent.parse(KafkaTestClient.header(output, "traceparent"));
		assertThat(child.traceId()).isEqualTo(parent.traceId());
		assertThat(child.spanId()).isNotEqualTo(parent.spanId()).isNotEqualTo("0".repeat(16));
		assertThat(child.flags()).isEqualTo(parent.flags());
	}

	record Traceparent(String traceId, String spanId, String flags) {

		static Traceparent random() {
			HexFormat hex = HexFormat.of();
			byte[] trace = new byte[16];
			byte[] span = new byte[8];
			ThreadLocalRandom.current().nextBytes(trace);
			ThreadLocalRandom.current().nextBytes(span);
			return new Traceparent(hex.formatHex(trace), hex.formatHex(span), "01");
		}

		static Traceparent parse(String header) {
			String[] parts = header.split("-");
			assertThat(parts).hasSize(4);
			assertThat(parts[0]).isEqualTo("00");
			return new Traceparent(parts[1], parts[2], parts[3]);
		}

		@Override
		public String toString() {
			return "00-" + this.traceId + "-" + this.spanId + "-" + this.flags;
		}

	}

}
