package com.studytracker.session;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.Events;
import com.studytracker.testsupport.ReadApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /topics/{id}/sessions} and {@code GET /topics/{id}/summary} over real HTTP
 * against the real database. "Today" is the service's Clock bean, read here too; every
 * summary answers the date it counted to ({@code asOf}), which the tests pin.
 */
class SessionReadApiTest extends IntegrationTest {

	@LocalServerPort
	private int port;

	@Autowired
	private Clock clock;

	private ReadApi api;

	private int topic;

	@BeforeEach
	void connect() {
		this.api = new ReadApi(this.port);
		this.topic = this.jdbc.queryForObject("""
				insert into topics (id, name, event_id, occurred_at, created_at)
				values (nextval('topics_id_seq'), 'sessions test', gen_random_uuid(), now(), now()) returning id""",
				Integer.class);
	}

	@Test
	void answersSessionsAndTheSummaryOfWhatWasLoggedThroughKafka() {
		UUID topicEventId = UUID.randomUUID();
		int topicId = createTopic(topicEventId);
		UUID sessionEventId = UUID.randomUUID();
		send(SESSIONS, Events.sessionLogged(sessionEventId, topicEventId, 45));
		int sessionId = await()
			.until(() -> this.kafka.confirmations(SESSION_CONFIRMATIONS, sessionEventId), (c) -> !c.isEmpty())
			.stream()
			.map(IntegrationTest::json)
			.findFirst()
			.orElseThrow()
			.get("sessionId")
			.asInt();

		JsonNode session = this.api.get("/topics/" + topicId + "/sessions").items().get(0);
		JsonNode summary = this.api.get("/topics/" + topicId + "/summary").json();

		assertThat(session.get("id").asInt()).isEqualTo(sessionId);
		assertThat(session.get("eventId").asString()).isEqualTo(sessionEventId.toString());
		// occurredAt 2026-11-25T23:30:00-02:00 is the 26th in UTC: the default study
		// date.
		assertThat(session.get("studyDate").asString()).isEqualTo("2026-11-26");
		assertThat(session.get("durationMinutes").asInt()).isEqualTo(45);
		assertThat(session.get("occurredAt").asString()).isEqualTo("2026-11-26T01:30:00Z");
		assertThat(summary.get("sessions").asLong()).isOne();
		assertThat(summary.get("totalMinutes").asLong()).isEqualTo(45);
		assertThat(summary.get("firstStudyDate").asString()).isEqualTo("2026-11-26");
	}

	@Test
	void sessionsOfATopicArePagedByStudyDateInAStableOrder() {
		LocalDate day = LocalDate.of(2025, 3, 10);
		// Inserted out of date order; three sessions share each date.
		for (int d : new int[] { 4, 0, 3, 1, 2 }) {
			for (int i = 0; i < 3; i++) {
				insertSession(this.topic, day.plusDays(d), 10);
			}
		}
		List<Integer> expected = this.jdbc.queryForList(
				"select id from sessions where topic_id = ? order by study_date, id", Integer.class, this.topic);

		List<Integer> seen = new ArrayList<>();
		List<Integer> ahead = new ArrayList<>();
		String cursor = null;
		do {
			ReadApi.Response page = this.api
				.get("/topics/" + this.topic + "/sessions?limit=4" + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.items().size()).isLessThanOrEqualTo(4);
			page.items().forEach((session) -> seen.add(session.get("id").asInt()));
			cursor = page.next();
			if (cursor != null) {
				// While paging: a session on the first date, already paged past, and one
				// on a date after all others, still ahead.
				insertSession(this.topic, day, 10);
				ahead.add(insertSession(this.topic, day.plusDays(30), 10));
			}
		}
		while (cursor != null);

		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen.subList(0, 15)).isEqualTo(expected);
		assertThat(seen.subList(15, seen.size())).isEqualTo(ahead);
	}

	@Test
	void sessionsAreFilteredByAnInclusiveRangeOfStudyDates() {
		LocalDate day = LocalDate.of(2025, 6, 1);
		for (int d = 0; d < 10; d++) {
			insertSession(this.topic, day.plusDays(d), 10);
		}

		List<String> dates = this.api.get("/topics/" + this.topic + "/sessions?from=2025-06-03&to=2025-06-05")
			.items()
			.stream()
			.map((session) -> session.get("studyDate").asString())
			.toList();

		assertThat(dates).containsExactly("2025-06-03", "2025-06-04", "2025-06-05");
		assertThat(this.api.get("/topics/" + this.topic + "/sessions?from=2025-06-10").items()).hasSize(1);
		assertThat(this.api.get("/topics/" + this.topic + "/sessions?to=2025-06-01").items()).hasSize(1);
	}

	@Test
	void aTopicWithoutSessionsHasAnEmptyLastPage() {
		ReadApi.Response page = this.api.get("/topics/" + this.topic + "/sessions");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.items()).isEmpty();
		assertThat(page.next()).isNull();
	}

	@Test
	void summaryCountsTheCurrentAndLongestDailyStreak() {
		LocalDate today = LocalDate.now(this.clock);
		// Longest: 4 days, 10 to 7 days ago (one day twice); current: yesterday and
		// today.
		for (int ago : new int[] { 10, 9, 9, 8, 7, 5, 1, 0 }) {
			insertSession(this.topic, today.minusDays(ago), 30);
		}

		JsonNode summary = this.api.get("/topics/" + this.topic + "/summary").json();

		assertThat(summary.get("asOf").asString()).isEqualTo(today.toString());
		assertThat(summary.get("sessions").asLong()).isEqualTo(8);
		assertThat(summary.get("totalMinutes").asLong()).isEqualTo(240);
		assertThat(summary.get("firstStudyDate").asString()).isEqualTo(today.minusDays(10).toString());
		assertThat(summary.get("lastStudyDate").asString()).isEqualTo(today.toString());
		assertThat(summary.get("currentStreakDays").asInt()).isEqualTo(2);
		assertThat(summary.get("longestStreakDays").asInt()).isEqualTo(4);
	}

	@Test
	void aStreakThatEndedYesterdayIsCurrentAndOneThatEndedBeforeIsNot() {
		LocalDate today = LocalDate.now(this.clock);
		insertSession(this.topic, today.minusDays(2), 30);
		insertSession(this.topic, today.minusDays(1), 30);
		int older = this.jdbc.queryForObject("""
				insert into topics (id, name, event_id, occurred_at, created_at)
				values (nextval('topics_id_seq'), 'older streak', gen_random_uuid(), now(), now()) returning id""",
				Integer.class);
		insertSession(older, today.minusDays(3), 30);
		insertSession(older, today.minusDays(2), 30);

		assertThat(this.api.get("/topics/" + this.topic + "/summary").json().get("currentStreakDays").asInt())
			.isEqualTo(2);
		assertThat(this.api.get("/topics/" + older + "/summary").json().get("currentStreakDays").asInt()).isZero();
	}

	@Test
	void aTopicWithoutSessionsHasAnEmptySummary() {
		JsonNode summary = this.api.get("/topics/" + this.topic + "/summary").json();

		assertThat(summary.get("sessions").asLong()).isZero();
		assertThat(summary.get("firstStudyDate").isNull()).isTrue();
		assertThat(summary.get("currentStreakDays").asInt()).isZero();
		assertThat(summary.get("longestStreakDays").asInt()).isZero();
	}

	@Test
	void theSessionsAndSummaryOfAnUnknownTopicAreProblemDetail404s() {
		for (String path : List.of("/topics/2147483647/sessions", "/topics/2147483647/summary")) {
			ReadApi.Response response = this.api.get(path);

			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.json().get("detail").asString()).isEqualTo("No topic with id 2147483647.");
		}
	}

	@Test
	void aRangeThatEndsBeforeItStartsIsAProblemDetail400() {
		ReadApi.Response response = this.api.get("/topics/" + this.topic + "/sessions?from=2025-02-01&to=2025-01-31");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString())
			.isEqualTo("from (2025-02-01) is after to (2025-01-31): the range is inclusive");
	}

	@Test
	void aMalformedDateOrCursorIsAProblemDetail400() {
		for (String query : List.of("from=2025-02-30", "to=yesterday", "cursor=abc", "limit=0",
				"cursor=" + com.studytracker.api.Cursors.encode("topics", "x", 1))) {
			ReadApi.Response response = this.api.get("/topics/" + this.topic + "/sessions?" + query);

			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private int insertSession(int topicId, LocalDate studyDate, int minutes) {
		return this.jdbc.queryForObject("""
				insert into sessions (id, topic_id, study_date, duration_minutes, created_at, event_id, occurred_at)
				values (nextval('sessions_id_seq'), ?, ?, ?, now(), gen_random_uuid(), now()) returning id""",
				Integer.class, topicId, studyDate, minutes);
	}

}
