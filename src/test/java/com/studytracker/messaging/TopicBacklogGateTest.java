package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicBacklogGateTest extends IntegrationTest {

	/** max-poll-records of application.yml: the gate's "one poll". */
	private static final int ONE_POLL = 2000;

	@Autowired
	TopicBacklogGate gate;

	@Autowired
	KafkaListenerEndpointRegistry registry;

	@Test
	void aBatchOfSessionsWaitsWhileTheTopicConsumersAreMoreThanOnePollBehind() {
		MessageListenerContainer topics = this.registry.getListenerContainer(IngestionListeners.TOPIC_CREATED);
		String prefix = "Backlog " + UUID.randomUUID() + " ";
		int backlog = 10 * ONE_POLL;
		topics.stop();
		try {
			sendTopics(prefix, backlog);
		}
		finally {
			topics.start();
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(5))
			// assigned: behind, by a known number of records or by partitions not fetched
			// yet
			.until(this.gate::topicLag, lag -> lag > 2 * ONE_POLL);

		Duration waited = this.gate.awaitTopics(Duration.ofSeconds(60));

		assertThat(waited).isPositive().isLessThan(Duration.ofSeconds(60));
		// Released at one poll not stored yet; one more for the instant between a poll
		// (the lag drops) and its listener taking the records.
		assertThat(stored(prefix)).isGreaterThanOrEqualTo(backlog - 2 * ONE_POLL);
		await().atMost(Duration.ofSeconds(60)).until(() -> stored(prefix) == backlog);
		assertThat(this.gate.topicLag()).isZero();
	}

	@Test
	void doesNotWaitOnceTheTopicConsumersHaveFetchedEveryPartitionAndCaughtUp() {
		MessageListenerContainer topics = this.registry.getListenerContainer(IngestionListeners.TOPIC_CREATED);
		topics.stop();
		topics.start();
		// Partitions with nothing new are fetched too: the lag becomes known, then zero.
		await().atMost(Duration.ofSeconds(30)).until(this.gate::topicLag, lag -> lag == 0);

		assertThat(this.gate.awaitTopics()).isZero();
	}

	private void sendTopics(String prefix, int count) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
						ProducerConfig.LINGER_MS_CONFIG, 5),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < count; i++) {
				UUID eventId = UUID.randomUUID();
				producer.send(new ProducerRecord<>(TOPICS, eventId.toString().getBytes(StandardCharsets.UTF_8),
						Events.json(Events.topicCreated(eventId, prefix + i)).getBytes(StandardCharsets.UTF_8)));
			}
			producer.flush();
		}
	}

	private int stored(String prefix) {
		return this.jdbc.queryForObject("select count(*) from topics where starts_with(name, ?)", Integer.class,
				prefix);
	}

}
