package com.studytracker.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real traffic through the broker and the database, then a scrape of
 * {@code /actuator/prometheus} on the management port: every series an operator's
 * dashboard reads is there with its tags, and moves with the traffic.
 */
class PrometheusMetricsTest extends IntegrationTest {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalManagementPort
	int managementPort;

	@Test
	void countsEventsByTypeOutcomeAndReason() throws Exception {
		PrometheusScrape before = scrape();
		UUID accepted = UUID.randomUUID();
		UUID invalid = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(accepted, "counted"));
		send(TOPICS, Events.topicCreated(invalid, "   "));
		this.kafka.send(TOPICS, null, "not json");
		await().untilAsserted(() -> {
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, accepted)).hasSize(1);
			assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, invalid)).hasSize(1);
		});

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.increase(before, "studytracker_events_total", "type", "topic-created", "outcome",
					"accepted", "reason", "none"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.increase(before, "studytracker_events_total", "type", "topic-created", "outcome",
					"rejected", "reason", "invalid-event"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.increase(before, "studytracker_events_total", "type", "topic-created", "outcome",
					"unreadable", "reason", "unreadable"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.value("studytracker_events_total", "type", "session-logged", "outcome", "rejected",
					"reason", "unknown-topic"))
				.isNotNull();
		});
	}

	@Test
	void countsDeadLettersByCause() throws Exception {
		PrometheusScrape before = scrape();
		RecordMetadata sent = this.kafka.send(SESSIONS, null, "[]");
		await().untilAsserted(() -> assertThat(this.kafka.deadLetters(SESSION_DEAD_LETTERS, sent)).hasSize(1));

		await().untilAsserted(() -> assertThat(scrape().increase(before, "studytracker_dead_letters_total", "stream",
				SESSION_DEAD_LETTERS, "reason", "unreadable", "value_omitted", "false"))
			.isGreaterThanOrEqualTo(1));
	}

	@Test
	void measuresBatchesTheirDurationAndTheirPublishing() throws Exception {
		PrometheusScrape before = scrape();
		UUID eventId = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(eventId, "a batch"));
		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.increase(before, "studytracker_batch_records_count", "type", "topic-created"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.increase(before, "studytracker_batch_records_sum", "type", "topic-created"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.increase(before, "studytracker_batch_duration_seconds_count", "type", "topic-created",
					"outcome", "success"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.value("studytracker_batch_duration_seconds_bucket", "type", "topic-created", "outcome",
					"success", "le", "+Inf"))
				.isNotNull();
			assertThat(after.increase(before, "studytracker_publish_duration_seconds_count", "type", "topic-created"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.value("studytracker_batch_failures_total", "type", "topic-created")).isNotNull();
			assertThat(after.value("studytracker_batch_retries_total", "type", "topic-created")).isNotNull();
		});
	}

	@Test
	void measuresEventAgeAtCommitFromOccurredAtAndFromTheRecordTimestamp() throws Exception {
		PrometheusScrape before = scrape();
		UUID eventId = UUID.randomUUID();
		// Events.topicCreated says it occurred at this instant.
		double ageSinceOccurred = Duration.between(Instant.parse("2026-11-25T09:30:00Z"), Instant.now()).toSeconds();
		send(TOPICS, Events.topicCreated(eventId, "aged"));
		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.increase(before, "studytracker_event_age_seconds_count", "type", "topic-created", "since",
					"occurred-at"))
				.isGreaterThanOrEqualTo(1);
			assertThat(after.increase(before, "studytracker_event_age_seconds_sum", "type", "topic-created", "since",
					"occurred-at"))
				.isGreaterThanOrEqualTo(ageSinceOccurred - 1);
			assertThat(after.increase(before, "studytracker_event_age_seconds_count", "type", "topic-created", "since",
					"record-timestamp"))
				.isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void reportsConsumerLagPerPartitionAndParkedSessions() throws Exception {
		UUID eventId = UUID.randomUUID();
		send(TOPICS, Events.topicCreated(eventId, "lag"));
		await().untilAsserted(() -> assertThat(this.kafka.confirmations(TOPIC_CONFIRMATIONS, eventId)).hasSize(1));

		// Micrometer binds a Kafka client's new (per-partition) metrics once a minute.
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("kafka_consumer_fetch_manager_records_lag", "topic", TOPICS, "partition", "0"))
				.as(after.samples("kafka_consumer_fetch_manager_records_lag"))
				.isNotNull();
			assertThat(after.value("studytracker_pending_sessions")).isNotNull();
			assertThat(after.value("studytracker_pending_oldest_age_seconds")).isNotNull();
			assertThat(after.value("studytracker_pending_undecided")).isNotNull();
		});
	}

	private PrometheusScrape scrape() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return new PrometheusScrape(response.body());
	}

}
