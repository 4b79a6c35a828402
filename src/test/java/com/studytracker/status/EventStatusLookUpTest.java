package com.studytracker.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /events/{eventId}} and {@code POST /events/status} over real HTTP, against
 * events that went through the broker and the database.
 */
class EventStatusLookUpTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private RejectionRetention retention;

	private RestClient http;

	@BeforeEach
	void connectHttp() {
		this.http = RestClient.create("http://127.0.0.1:" + this.port);
	}

	@Test
	void answersAnAcceptedTopicWithTheBytesOfItsConfirmation() {
		UUID eventId = UUID.randomUUID();
		createTopic(eventId);

		Response response = get("/events/" + eventId);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(response.text()).isEqualTo(confirmation(TOPIC_CONFIRMATIONS, eventId));
	}

	@Test
	void answersAnAcceptedSessionWithTheBytesOfItsConfirmation() {
		UUID topicEventId = UUID.randomUUID();
		createTopic(topicEventId);
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 45));

		String confirmation = await().until(() -> confirmation(SESSION_CONFIRMATIONS, eventId), text -> text != null);

		assertThat(get("/events/" + eventId).text()).isEqualTo(confirmation).contains("\"sessionId\"");
	}

	@Test
	void answersARejectedEventWithTheBytesOfItsConfirmation() {
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, UUID.randomUUID(), 0));

		String confirmation = await().until(() -> confirmation(SESSION_CONFIRMATIONS, eventId), text -> text != null);

		assertThat(confirmation).contains("INVALID_EVENT");
		assertThat(get("/events/" + eventId).text()).isEqualTo(confirmation);
	}

	@Test
	void answersAnEventIdInUppercaseLikeItsCanonicalForm() {
		UUID eventId = UUID.randomUUID();
		createTopic(eventId);

		assertThat(get("/events/" + eventId.toString().toUpperCase()).text())
			.isEqualTo(confirmation(TOPIC_CONFIRMATIONS, eventId));
	}

	@Test
	void answersAParkedSessionAsPendingSinceItWasFirstSeenUntilTheEndOfItsGracePeriod() {
		UUID topicEventId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, topicEventId, 30));
		Instant firstSeen = await().atMost(Duration.ofSeconds(2))
			.until(() -> this.jdbc.query("select first_seen_at from pending_sessions where event_id = ?",
					(row, n) -> row.getObject(1, OffsetDateTime.class).toInstant(), eventId), rows -> !rows.isEmpty())
			.get(0);

		Response response = get("/events/" + eventId);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text())
			.isEqualTo("{\"eventId\":\"" + eventId + "\",\"status\":\"PENDING\",\"topicEventId\":\"" + topicEventId
					+ "\",\"since\":\"" + firstSeen + "\",\"until\":\"" + firstSeen.plusSeconds(3) + "\"}");
	}

	@Test
	void answersASessionRejectedAfterItsGracePeriodWithTheBytesOfItsConfirmation() {
		UUID eventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(eventId, UUID.randomUUID(), 30));

		String confirmation = await().atMost(Duration.ofSeconds(30))
			.until(() -> confirmation(SESSION_CONFIRMATIONS, eventId), text -> text != null);

		assertThat(confirmation).contains("UNKNOWN_TOPIC");
		assertThat(get("/events/" + eventId).text()).isEqualTo(confirmation);
	}

	@Test
	void answersNotFoundAsAProblemForAnEventIdNeverSeen() {
		Response response = get("/events/" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.json().get("status").asInt()).isEqualTo(404);
	}

	@Test
	void answersBadRequestAsAProblemForAMalformedEventId() {
		Response response = get("/events/not-a-uuid");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.json().get("detail").asString()).contains("UUID");
	}

	@Test
	void answersManyEventIdsAtOnceInTheOrderAsked() {
		UUID accepted = UUID.randomUUID();
		createTopic(accepted);
		UUID rejected = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(rejected, UUID.randomUUID(), 0));
		String rejection = await().until(() -> confirmation(SESSION_CONFIRMATIONS, rejected), text -> text != null);
		UUID unknown = UUID.randomUUID();

		Response response = post("/events/status",
				Map.of("eventIds", List.of(unknown.toString(), accepted.toString(), rejected.toString())));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text()).isEqualTo("[{\"eventId\":\"" + unknown + "\",\"status\":\"NOT_FOUND\"},"
				+ confirmation(TOPIC_CONFIRMATIONS, accepted) + "," + rejection + "]");
	}

	@Test
	void refusesMoreThanAThousandEventIdsAtOnce() {
		List<String> eventIds = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			eventIds.add(UUID.randomUUID().toString());
		}

		Response response = post("/events/status", Map.of("eventIds", eventIds));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void purgesRejectionsPastTheirRetentionAndKeepsTheOthers() {
		UUID old = UUID.randomUUID();
		UUID recent = UUID.randomUUID();
		this.jdbc.update(
				"insert into rejected_events (event_type, event_id, rejected_at, reason) values "
						+ "('TOPIC_CREATED', ?, now() - interval '31 days', null), ('TOPIC_CREATED', ?, now(), null)",
				old, recent);

		this.retention.purge();

		assertThat(rowsWithEventId("rejected_events", old)).isZero();
		assertThat(rowsWithEventId("rejected_events", recent)).isOne();
		assertThat(get("/events/" + old).status()).isEqualTo(404);
	}

	private String confirmation(String stream, UUID eventId) {
		return this.kafka.confirmations(stream, eventId)
			.stream()
			.findFirst()
			.map(record -> new String(record.value(), StandardCharsets.UTF_8))
			.orElse(null);
	}

	private Response get(String path) {
		return this.http.get()
			.uri(path)
			.exchange((request, response) -> new Response(response.getStatusCode().value(),
					response.getHeaders().getContentType(), response.getBody().readAllBytes()));
	}

	private Response post(String path, Object body) {
		return this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsBytes(body))
			.exchange((request, response) -> new Response(response.getStatusCode().value(),
					response.getHeaders().getContentType(), response.getBody().readAllBytes()));
	}

	record Response(int status, MediaType contentType, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
