package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.StudyTrackerApplication;
import com.studytracker.testsupport.Events;
import com.studytracker.testsupport.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams that operations created before the service first ran, with partition counts of
 * their own: every partition of the input must keep flowing.
 */
class PreExistingStreamsTest extends IntegrationTest {

	@Test
	void aTwelvePartitionInputWithAOnePartitionDeadLetterStreamNeverWedges() throws Exception {
		String prefix = "ops" + UUID.randomUUID().toString().substring(0, 8);
		String input = prefix + ".session-logged";
		String deadLetters = input + ".dlt";
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			admin.createTopics(List.of(new NewTopic(input, 12, (short) 1), new NewTopic(deadLetters, 1, (short) 1)))
				.all()
				.get();
		}
		try (ConfigurableApplicationContext service = startService(prefix)) {
			UUID topicEventId = UUID.randomUUID();
			int topicId = createTopic(topicEventId);
			// One bad and one good record on the last partition, which the dead-letter
			// stream did not have.
			this.kafka.send(input, null, "not json");
			this.kafka.send(
					new ProducerRecord<>(input, 11, (byte[]) null, "not json either".getBytes(StandardCharsets.UTF_8)));
			UUID good = UUID.randomUUID();
			Map<String, Object> event = Events.sessionLogged(good, topicEventId, 20);
			this.kafka.send(new ProducerRecord<>(input, 11, (byte[]) null,
					Events.json(event).getBytes(StandardCharsets.UTF_8)));

			await().atMost(Duration.ofSeconds(60)).until(() -> rowsWithEventId("sessions", good) == 1);
			assertThat(
					this.jdbc.queryForObject("select topic_id from sessions where event_id = ?", Integer.class, good))
				.isEqualTo(topicId);
			await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersIn(deadLetters).size() >= 2);
			assertThat(deadLettersIn(deadLetters))
				.extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
				.contains("not json either");
		}
	}

	private ConfigurableApplicationContext startService(String prefix) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
						"--studytracker.kafka.group-id=" + prefix,
						"--studytracker.streams.session-logged.input=" + prefix + ".session-logged",
						"--studytracker.streams.session-logged.confirmations=" + prefix
								+ ".session-logged.confirmations",
						"--studytracker.streams.session-logged.dead-letters=" + prefix + ".session-logged.dlt",
						"--studytracker.streams.topic-created.input=" + prefix + ".topic-created",
						"--studytracker.streams.topic-created.confirmations=" + prefix + ".topic-created.confirmations",
						"--studytracker.streams.topic-created.dead-letters=" + prefix + ".topic-created.dlt"));
		TestDatabase.Database database = TestDatabase.get();
		args.addAll(List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		return new SpringApplicationBuilder(StudyTrackerApplication.class).run(args.toArray(String[]::new));
	}

	private List<ConsumerRecord<byte[], byte[]>> deadLettersIn(String topic) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
