package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A canary in notes and descriptions, driven through every failure path: it may appear in
 * rows and in dead-lettered values (they are the producer's own bytes), never in a log
 * line or a dead-letter header.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventContentStaysOutOfLogsTest extends IntegrationTest {

	private static final String CANARY = "CANARY-" + UUID.randomUUID();

	@Autowired
	DataSource dataSource;

	private final List<UUID> sessionEvents = new ArrayList<>();

	private final List<RecordMetadata> sent = new ArrayList<>();

	@Test
	void noFailurePathPutsEventContentIntoLogsOrDeadLetterHeaders(CapturedOutput output) throws Exception {
		UUID topicEventId = UUID.randomUUID();
		UUID topic = topicEventId;
		Map<String, Object> topicEvent = Events.topicCreated(topic, "Canary topic");
		topicEvent.put("description", "first " + CANARY);
		send(TOPICS, topicEvent);
		await().until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, topic).size() == 1);

		topicEvent.put("description", "conflicting " + CANARY);
		this.sent.add(send(TOPICS, topicEvent));
		session(topicEventId, 0, "poison");
		Map<String, Object> unknownTopic = Events.sessionLogged(UUID.randomUUID(), topicEventId, 5);
		unknownTopic.remove("topicEventId");
		unknownTopic.put("topicId", 2_000_000_001);
		unknownTopic.put("notes", CANARY);
		this.sessionEvents.add(UUID.fromString((String) unknownTopic.get("eventId")));
		this.sent.add(send(SESSIONS, unknownTopic));
		session(UUID.randomUUID(), 5, "waits for a topic that never comes");

		this.jdbc.execute("alter table sessions add constraint ck_canary_data "
				+ "check (notes is null or notes not like '%CANARY-data%') not valid");
		try {
			session(topicEventId, 5, "CANARY-data");
			awaitConfirmations();
		}
		finally {
			this.jdbc.execute("alter table sessions drop constraint ck_canary_data");
		}
		this.jdbc.execute("create unique index ux_canary_race on sessions (notes) where notes like '%CANARY-race%'");
		try {
			session(topicEventId, 5, "CANARY-race");
			session(topicEventId, 6, "CANARY-race");
			awaitConfirmations();
		}
		finally {
			this.jdbc.execute("drop index ux_canary_race");
		}
		try (Connection locker = this.dataSource.getConnection(); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("lock table sessions in access exclusive mode");
			session(topicEventId, 7, "behind a lock");
			statement.execute("select pg_sleep(2.5)");
			locker.commit();
		}
		awaitConfirmations();
		// Dead letters go out with their confirmations; wait until the client has read
		// them all.
		await().until(() -> this.sent.stream()
			.mapToInt(record -> this.kafka.deadLetters(TOPIC_DEAD_LETTERS, record).size()
					+ this.kafka.deadLetters(SESSION_DEAD_LETTERS, record).size())
			.sum() >= 5);

		assertThat(output.getAll()).contains("SQLSTATE 23514").doesNotContain(CANARY).doesNotContain("CANARY-");
		for (String deadLetterTopic : List.of(TOPIC_DEAD_LETTERS, SESSION_DEAD_LETTERS)) {
			for (RecordMetadata record : this.sent) {
				for (ConsumerRecord<byte[], byte[]> deadLetter : this.kafka.deadLetters(deadLetterTopic, record)) {
					for (Header header : deadLetter.headers()) {
						assertThat(new String(header.value(), StandardCharsets.UTF_8)).as(header.key())
							.doesNotContain("CANARY-");
					}
				}
			}
		}
	}

	private void session(UUID topicEventId, int durationMinutes, String note) {
		UUID eventId = UUID.randomUUID();
		Map<String, Object> event = Events.sessionLogged(eventId, topicEventId, durationMinutes);
		event.put("notes", note + " " + CANARY);
		this.sessionEvents.add(eventId);
		this.sent.add(send(SESSIONS, event));
	}

	/** Every session sent so far has its confirmation (the parked one excepted). */
	private void awaitConfirmations() {
		await().untilAsserted(() -> assertThat(
				this.sessionEvents.stream().filter(id -> this.kafka.confirmations(SESSION_CONFIRMATIONS, id).isEmpty()))
			.hasSizeLessThanOrEqualTo(1));
	}

}
