package com.studytracker.messaging;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database that cannot serve the batch for a while is waited out, never a reason to
 * reject.
 */
class TransientFailureTest extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Test
	void aLockedTableIsRetriedWithBackoffAndNothingIsDeadLettered() throws Exception {
		UUID eventId = UUID.randomUUID();
		RecordMetadata sent;
		try (Connection locker = this.dataSource.getConnection(); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			// Longer than the lock_timeout the tests configure (1 s): the batch fails at
			// least once.
			statement.execute("lock table topics in access exclusive mode");
			sent = send(TOPICS, Events.topicCreated(eventId, "behind a lock"));
			await().until(() -> this.jdbc.queryForObject(
					"select count(*) from pg_stat_activity where wait_event_type = 'Lock' and application_name = 'studytracker' and datname = current_database()",
					Integer.class) > 0 || this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).size() > 0);
			statement.execute("select pg_sleep(2.5)");
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).isEmpty();
			locker.commit();
		}

		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));
		assertThat(json(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId).get(0)).get("status").asString())
			.isEqualTo("ACCEPTED");
		assertThat(rowsWithEventId("topics", eventId)).isEqualTo(1);
		assertThat(this.kafka.deadLetters(TOPIC_DEAD_LETTERS, sent)).isEmpty();
	}

}
