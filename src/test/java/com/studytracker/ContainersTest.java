package com.studytracker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.testsupport.Events;
import com.studytracker.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same round trip against the official Kafka and PostgreSQL images, for machines with
 * Docker. Skipped (and reported as skipped) where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "server.port=0")
class ContainersTest {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15");

	@Container
	@ServiceConnection
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

	@Test
	void confirmsATopicCreatedAgainstRealContainers() {
		KafkaTestClient client = KafkaTestClient.forBroker(kafka.getBootstrapServers(),
				List.of("studytracker.topic-created.confirmations"));
		UUID eventId = UUID.randomUUID();
		Map<String, Object> event = Events.topicCreated(eventId, "In a container");
		client.send("studytracker.topic-created", eventId.toString(), Events.json(event));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(client.confirmations("studytracker.topic-created.confirmations", eventId))
				.hasSize(1));
		assertThat(new String(client.confirmations("studytracker.topic-created.confirmations", eventId).get(0).value(),
				StandardCharsets.UTF_8))
			.contains("\"status\":\"ACCEPTED\"");
	}

}
