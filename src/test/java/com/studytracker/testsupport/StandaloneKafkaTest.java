package com.studytracker.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the test infrastructure itself: a real broker that survives SIGKILL.
 */
class StandaloneKafkaTest {

	@Test
	void recordSurvivesSigkillAndRestartOfTheBroker() throws Exception {
		Path dataDir = Path.of("target", "standalone-kafka-test-" + UUID.randomUUID().toString().substring(0, 8));
		String topic = "infra-smoke";
		String value = "hello-" + UUID.randomUUID();

		long t0 = System.nanoTime();
		try (StandaloneKafka kafka = StandaloneKafka.start(dataDir, StandaloneKafka.freePort())) {
			long started = System.nanoTime();
			assertThat(kafka.isRunning()).isTrue();
			assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());

			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			RecordMetadata sent = produce(kafka, topic, value);
			assertThat(readAll(kafka, topic)).contains(value);

			kafka.kill();
			assertThat(kafka.isRunning()).isFalse();

			long beforeRestart = System.nanoTime();
			kafka.restart();
			long restarted = System.nanoTime();
			assertThat(kafka.isRunning()).isTrue();

			List<String> afterRestart = readAll(kafka, topic);
			assertThat(afterRestart).contains(value);
			assertThat(afterRestart).hasSize((int) sent.offset() + 1);

			// and the restarted broker takes new writes
			produce(kafka, topic, "after-restart");
			assertThat(readAll(kafka, topic)).containsExactly(value, "after-restart");

			System.out.printf("StandaloneKafka: format+start %d ms, restart after SIGKILL %d ms%n",
					TimeUnit.NANOSECONDS.toMillis(started - t0),
					TimeUnit.NANOSECONDS.toMillis(restarted - beforeRestart));
		}
		deleteRecursively(dataDir);
	}

	private static RecordMetadata produce(StandaloneKafka kafka, String topic, String value) throws Exception {
		Map<String, Object> conf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(conf)) {
			return producer.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * All values of partition 0, read with assign/seekToBeginning (no consumer group
	 * involved).
	 */
	private static List<String> readAll(StandaloneKafka kafka, String topic) {
		Map<String, Object> conf = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		TopicPartition tp = new TopicPartition(topic, 0);
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(conf)) {
			consumer.assign(List.of(tp));
			consumer.seekToBeginning(List.of(tp));
			long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (consumer.position(tp, Duration.ofSeconds(30)) < end && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
					values.add(r.value());
				}
			}
		}
		return values;
	}

	private static void deleteRecursively(Path dir) throws Exception {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

}
