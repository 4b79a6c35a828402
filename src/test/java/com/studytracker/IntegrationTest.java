package com.studytracker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.testsupport.Events;
import com.studytracker.testsupport.KafkaTestClient;
import com.studytracker.testsupport.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.context.annotation.Import;

/**
 * The whole service against a real in-process KRaft broker and a real PostgreSQL (this
 * JVM's {@link TestDatabase}). Every test class extending this shares one context (one
 * broker, one database); tests stay independent by using fresh event ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "studytracker.pending.grace-period=3s",
		"studytracker.pending.sweep-interval=200ms", "studytracker.warm-up.rounds=1", "studytracker.warm-up.events=200",
		"spring.datasource.hikari.data-source-properties.options=-c statement_timeout=5000 -c lock_timeout=1000" })
// Producers may send records larger than the service reads (1 MiB): those must be
// dead-lettered intact.
@EmbeddedKafka(partitions = 6, brokerProperties = "message.max.bytes=8388608")
@Import(TestDatabase.class)
public abstract class IntegrationTest {

	protected static final String TOPICS = "studytracker.topic-created";

	protected static final String TOPIC_CONFIRMATIONS = "studytracker.topic-created.confirmations";

	protected static final String TOPIC_DEAD_LETTERS = "studytracker.topic-created.dlt";

	protected static final String SESSIONS = "studytracker.session-logged";

	protected static final String SESSION_CONFIRMATIONS = "studytracker.session-logged.confirmations";

	protected static final String SESSION_DEAD_LETTERS = "studytracker.session-logged.dlt";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	protected EmbeddedKafkaBroker broker;

	@Autowired
	protected JdbcTemplate jdbc;

	protected KafkaTestClient kafka;

	@BeforeEach
	void connectClient() {
		this.kafka = KafkaTestClient.forBroker(this.broker.getBrokersAsString(),
				List.of(TOPIC_CONFIRMATIONS, TOPIC_DEAD_LETTERS, SESSION_CONFIRMATIONS, SESSION_DEAD_LETTERS));
	}

	protected RecordMetadata send(String topic, Map<String, Object> event) {
		return this.kafka.send(topic, (String) event.get("eventId"), Events.json(event));
	}

	/** Sends a topic and returns its id from its confirmation. */
	protected int createTopic(UUID eventId) {
		return createTopic(eventId, "Topic " + eventId);
	}

	/** Sends a topic with this name and returns its id from its confirmation. */
	protected int createTopic(UUID eventId, String name) {
		send(TOPICS, Events.topicCreated(eventId, name));
		return org.awaitility.Awaitility.await()
			.until(() -> this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId),
					confirmations -> !confirmations.isEmpty())
			.stream()
			.map(IntegrationTest::json)
			.findFirst()
			.orElseThrow()
			.get("topicId")
			.asInt();
	}

	protected static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
		return JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
	}

	protected int rowsWithEventId(String table, UUID eventId) {
		return this.jdbc.queryForObject("select count(*) from " + table + " where event_id = ?", Integer.class,
				eventId);
	}

}
