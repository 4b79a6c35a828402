package com.studytracker.redrive;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code redrive}: dead letters go back to their input stream, are decided again by the
 * running service, and never become a second row or a loop.
 */
class DeadLetterRedriveTest extends IntegrationTest {

	@LocalServerPort
	private int port;

	@Test
	void aSessionRejectedForAnUnknownTopicIsAcceptedOnceRedrivenAfterItsTopicArrived() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 30));
		await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(eventId, "REJECTED").size() == 1);
		assertThat(confirmations(eventId, "REJECTED").get(0)).contains("UNKNOWN_TOPIC");
		createTopic(topicEventId);
		// Until the resolver deletes the parked row, a re-send is answered with its
		// recorded rejection.
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 0);

		Run run = redrive("--dlt=" + SESSION_DEAD_LETTERS, "--event-id=" + eventId);

		assertThat(run.exitCode()).isZero();
		assertThat(run.output()).contains(SESSION_DEAD_LETTERS + " UNKNOWN_TOPIC: 1");
		String accepted = await().until(() -> confirmations(eventId, "ACCEPTED"), list -> !list.isEmpty()).get(0);
		assertThat(rowsWithEventId("sessions", eventId)).isOne();
		assertThat(status(eventId)).isEqualTo(accepted);
	}

	@Test
	void aRedrivenBinaryCloudEventIsFoundByItsIdAndStaysACloudEvent() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		this.kafka.sendLikeKcat(SESSIONS, null, "{\"topicEventId\":\"" + topicEventId + "\",\"durationMinutes\":30}",
				"ce_specversion=1.0", "ce_id=" + eventId, "ce_source=/producer-app",
				"ce_type=studytracker.session-logged.v1", "ce_time=2026-11-25T09:30:00Z",
				"content-type=application/json");
		await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(eventId, "REJECTED").size() == 1);
		createTopic(topicEventId);
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 0);

		assertThat(redrive("--dlt=" + SESSION_DEAD_LETTERS, "--event-id=" + eventId).output())
			.contains(SESSION_DEAD_LETTERS + " UNKNOWN_TOPIC: 1");

		await().until(() -> !confirmations(eventId, "ACCEPTED").isEmpty());
		ConsumerRecord<byte[], byte[]> accepted = this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)
			.stream()
			.filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains("ACCEPTED"))
			.findFirst()
			.orElseThrow();
		assertThat(new String(accepted.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
			.isEqualTo("studytracker.confirmation.v1");
		assertThat(rowsWithEventId("sessions", eventId)).isOne();
	}

	@Test
	void redrivingTheSameDeadLettersAgainChangesNothing() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 30));
		await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(eventId, "REJECTED").size() == 1);
		createTopic(topicEventId);
		await().until(() -> this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?",
				Integer.class, eventId) == 0);
		assertThat(redrive("--event-id=" + eventId).exitCode()).isZero();
		String accepted = await().until(() -> confirmations(eventId, "ACCEPTED"), list -> !list.isEmpty()).get(0);

		assertThat(redrive("--event-id=" + eventId).exitCode()).isZero();

		await().until(() -> confirmations(eventId, "ACCEPTED").size() == 2);
		assertThat(confirmations(eventId, "ACCEPTED")).containsOnly(accepted);
		assertThat(rowsWithEventId("sessions", eventId)).isOne();
		assertThat(status(eventId)).isEqualTo(accepted);
		assertThat(deadLetters(eventId)).hasSize(1);
	}

	@Test
	void aRedrivenRecordKeepsItsKeyValueAndHeadersAndCountsItsRedrives() {
		UUID eventId = UUID.randomUUID();
		byte[] key = ("key-" + eventId).getBytes(StandardCharsets.UTF_8);
		byte[] value = Events.json(Events.sessionLogged(eventId, UUID.randomUUID(), 0))
			.getBytes(StandardCharsets.UTF_8);
		ProducerRecord<byte[], byte[]> original = new ProducerRecord<>(SESSIONS, key, value);
		original.headers().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
		this.kafka.send(original);
		await().until(() -> deadLetters(eventId).size() == 1);

		assertThat(redrive("--event-id=" + eventId).exitCode()).isZero();

		List<ConsumerRecord<byte[], byte[]>> copies = await().until(() -> inputRecords(key), list -> list.size() == 2);
		ConsumerRecord<byte[], byte[]> redriven = copies.get(1);
		assertThat(redriven.value()).isEqualTo(value);
		assertThat(header(redriven, "trace-id")).isEqualTo("abc");
		assertThat(header(redriven, "studytracker-redrive-count")).isEqualTo("1");
		assertThat(header(redriven, "studytracker-redriven-at")).isNotNull();
		assertThat(headerKeys(redriven)).noneMatch(name -> name.startsWith("kafka_dlt-"))
			.doesNotContain("studytracker-rejection-code");
		// Rejected again: back in the DLT with the new reason, counting its redrive.
		await().until(() -> deadLetters(eventId).size() == 2);
		ConsumerRecord<byte[], byte[]> again = deadLetters(eventId).get(1);
		assertThat(header(again, "studytracker-rejection-code")).isEqualTo("INVALID_EVENT");
		assertThat(header(again, "studytracker-redrive-count")).isEqualTo("1");

		assertThat(redrive("--event-id=" + eventId).exitCode()).isZero();

		await().until(() -> inputRecords(key).size() == 4);
		assertThat(inputRecords(key).stream().map(r -> header(r, "studytracker-redrive-count")))
			.containsExactlyInAnyOrder(null, "1", "1", "2");
		// Each run reads only up to the end it found: the new dead letters wait for the
		// next run.
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> deadLetters(eventId).size() == 4);
	}

	@Test
	void aDryRunCountsPerCodeAndSendsNothing() {
		UUID eventId = UUID.randomUUID();
		byte[] key = ("key-" + eventId).getBytes(StandardCharsets.UTF_8);
		this.kafka.send(SESSIONS, key,
				Events.json(Events.sessionLogged(eventId, UUID.randomUUID(), 0)).getBytes(StandardCharsets.UTF_8));
		await().until(() -> deadLetters(eventId).size() == 1);

		Run run = redrive("--event-id=" + eventId, "--dry-run");

		assertThat(run.exitCode()).isZero();
		assertThat(run.output()).contains("Would redrive: 1 dead letters")
			.contains(SESSION_DEAD_LETTERS + " INVALID_EVENT: 1");
		assertThat(inputRecords(key)).hasSize(1);
	}

	@Test
	void unreadableRecordsAreRedrivenOnlyWhenAskedExplicitly() {
		Instant from = Instant.now();
		byte[] key = ("unreadable-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		RecordMetadata sent = this.kafka.send(SESSIONS, key, "not json".getBytes(StandardCharsets.UTF_8));
		await().until(() -> this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent).size() == 1);

		Run plain = redrive("--dlt=" + SESSION_DEAD_LETTERS, "--from=" + from);
		Run byCodeAlone = redrive("--dlt=" + SESSION_DEAD_LETTERS, "--from=" + from, "--code=UNREADABLE");

		assertThat(plain.exitCode()).isZero();
		assertThat(plain.output()).contains("unreadable (use --include-unreadable): 1");
		assertThat(byCodeAlone.exitCode()).isEqualTo(2);
		assertThat(inputRecords(key)).hasSize(1);

		Run explicit = redrive("--dlt=" + SESSION_DEAD_LETTERS, "--from=" + from, "--include-unreadable",
				"--code=UNREADABLE");

		assertThat(explicit.exitCode()).isZero();
		assertThat(explicit.output()).contains(SESSION_DEAD_LETTERS + " UNREADABLE: 1");
		await().until(() -> inputRecords(key).size() == 2);
	}

	@Test
	void anUnknownOptionIsRefusedWithTheUsage() {
		Run run = redrive("--dryrun");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.output()).contains("Unknown option --dryrun").contains("Usage:");
	}

	private Run redrive(String... args) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		String[] all = Stream
			.concat(Arrays.stream(args),
					Stream.of("--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString()))
			.toArray(String[]::new);
		int exitCode = new RedriveCommand().run(all, new PrintStream(output, true, StandardCharsets.UTF_8));
		return new Run(exitCode, output.toString(StandardCharsets.UTF_8));
	}

	record Run(int exitCode, String output) {
	}

	private List<String> confirmations(UUID eventId, String status) {
		return this.kafka.confirmations(SESSION_CONFIRMATIONS, eventId)
			.stream()
			.map(record -> new String(record.value(), StandardCharsets.UTF_8))
			.filter(text -> text.contains("\"status\":\"" + status + "\""))
			.toList();
	}

	private List<ConsumerRecord<byte[], byte[]>> deadLetters(UUID eventId) {
		byte[] id = eventId.toString().getBytes(StandardCharsets.UTF_8);
		return this.kafka.records(SESSION_DEAD_LETTERS)
			.stream()
			.filter(record -> record.value() != null && contains(record.value(), id))
			.toList();
	}

	private static boolean contains(byte[] bytes, byte[] part) {
		return new String(bytes, StandardCharsets.ISO_8859_1).contains(new String(part, StandardCharsets.ISO_8859_1));
	}

	private String status(UUID eventId) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/events/" + eventId)
			.retrieve()
			.body(String.class);
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
		Header header = record.headers().lastHeader(key);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static List<String> headerKeys(ConsumerRecord<byte[], byte[]> record) {
		List<String> keys = new ArrayList<>();
		for (Header header : record.headers()) {
			keys.add(header.key());
		}
		return keys;
	}

	/** Every record on the session input stream with this key, in offset order. */
	private List<ConsumerRecord<byte[], byte[]>> inputRecords(byte[] key) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
		List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(SESSIONS)
				.stream()
				.map(info -> new TopicPartition(SESSIONS, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (Arrays.equals(record.key(), key)) {
						found.add(record);
					}
				});
			}
		}
		found.sort((a, b) -> Long.compare(a.offset(), b.offset()));
		return found;
	}

}
