package com.studytracker.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.studytracker.testsupport.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resolver's memory is bounded by bytes, not by count: 1,000 parked sessions of about
 * 1 MiB each (padding in an unknown field is legal) all expire and are dead-lettered by a
 * service whose whole JVM — service, broker and this test — has 512 MiB of heap. Runs in
 * its own JVM ({@code small-heap} execution in pom.xml); it keeps no record values.
 */
@Tag("small-heap")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"studytracker.pending.grace-period=1s", "studytracker.pending.sweep-interval=200ms" })
@EmbeddedKafka(partitions = 6, brokerProperties = "message.max.bytes=8388608")
@Import(TestDatabase.class)
class ParkedSessionsInASmallHeapTest {

	private static final int SESSIONS = Integer.getInteger("smallheap.sessions", 1000);

	private static final String INPUT = "studytracker.session-logged";

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aThousandParkedOneMebibyteSessionsAreDeadLetteredInHalfAGibibyteOfHeap() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("this test's JVM heap").isLessThanOrEqualTo(512L << 20);
		Set<String> eventIds = ConcurrentHashMap.newKeySet();
		String padding = "x".repeat(1_040_000);
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			for (int i = 0; i < SESSIONS; i++) {
				UUID eventId = UUID.randomUUID();
				eventIds.add(eventId.toString());
				String session = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\","
						+ "\"topicEventId\":\"" + UUID.randomUUID() + "\",\"durationMinutes\":5,\"padding\":\""
						+ padding + "\"}";
				producer.send(new ProducerRecord<>(INPUT, session.getBytes(StandardCharsets.UTF_8))).get();
			}
		}

		Set<String> rejected = ConcurrentHashMap.newKeySet();
		try (KafkaConsumer<byte[], byte[]> confirmations = consumer()) {
			confirmations.subscribe(java.util.List.of(INPUT + ".confirmations"));
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ZERO).until(() -> {
				confirmations.poll(Duration.ofMillis(500)).forEach(record -> {
					String value = new String(record.value(), StandardCharsets.UTF_8);
					String key = new String(record.key(), StandardCharsets.UTF_8);
					if (eventIds.contains(key) && value.contains("\"UNKNOWN_TOPIC\"")) {
						rejected.add(key);
					}
				});
				return rejected.size() == SESSIONS;
			});
		}
		assertThat(deadLetters()).isGreaterThanOrEqualTo(SESSIONS);
		assertThat(this.jdbc.queryForObject("select count(*) from pending_sessions", Integer.class)).isZero();
	}

	private long deadLetters() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			for (int partition = 0; partition < 6; partition++) {
				request.put(new TopicPartition(INPUT + ".dlt", partition), OffsetSpec.latest());
			}
			return admin.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
		}
	}

	private KafkaProducer<byte[], byte[]> producer() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "small-heap-test");
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

}
