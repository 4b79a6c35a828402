package com.studytracker.topic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.ReadApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /topics} and {@code GET /topics/{id}} over real HTTP against the real
 * database. Each test lists only the names under a prefix of its own: the database is
 * shared with the other tests.
 */
class TopicReadApiTest extends IntegrationTest {

	@LocalServerPort
	private int port;

	private ReadApi api;

	private String prefix;

	@BeforeEach
	void connect() {
		this.api = new ReadApi(this.port);
		this.prefix = "read-" + UUID.randomUUID() + " ";
	}

	@Test
	void answersATopicCreatedThroughKafka() {
		UUID eventId = UUID.randomUUID();
		int id = createTopic(eventId, this.prefix + "Linear algebra");

		ReadApi.Response response = this.api.get("/topics/" + id);

		assertThat(response.status()).isEqualTo(200);
		JsonNode topic = response.json();
		assertThat(topic.get("name").asString()).isEqualTo(this.prefix + "Linear algebra");
		assertThat(topic.get("eventId").asString()).isEqualTo(eventId.toString());
		assertThat(topic.get("occurredAt").asString()).isEqualTo("2026-11-25T09:30:00Z");
		assertThat(topic.get("description").isNull()).isTrue();
	}

	@Test
	void pagesThroughEveryTopicExactlyOnceWhileNewTopicsArrive() {
		List<Integer> existing = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			existing.add(insertTopic(this.prefix + String.format("%03d", i * 10)));
		}
		List<Integer> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			ReadApi.Response page = this.api
				.get("/topics?limit=7&prefix=" + encode(this.prefix) + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.status()).isEqualTo(200);
			page.items().forEach((topic) -> seen.add(topic.get("id").asInt()));
			cursor = page.next();
			// Between pages: one topic before everything (behind the cursor), one
			// between existing names, one after everything.
			insertTopic(this.prefix + String.format("%03d", pages * 10 + 5));
			insertTopic(this.prefix + "!" + pages);
			pages++;
		}
		while (cursor != null);

		assertThat(seen).doesNotHaveDuplicates().containsAll(existing);
		assertThat(pages).isGreaterThanOrEqualTo(6);
	}

	@Test
	void pagesSortByNameInByteOrderThenId() {
		int b = insertTopic(this.prefix + "b");
		int upperB = insertTopic(this.prefix + "B");
		int a1 = insertTopic(this.prefix + "a");
		int a2 = insertTopic(this.prefix + "a");
		int accented = insertTopic(this.prefix + "é");

		ReadApi.Response page = this.api.get("/topics?prefix=" + encode(this.prefix));

		assertThat(page.items().stream().map((t) -> t.get("id").asInt())).containsExactly(upperB, a1, a2, b, accented);
		assertThat(page.next()).isNull();
		assertThat(page.link()).isNull();
	}

	@Test
	void filtersTopicsByNamePrefixIncludingPercentAndUnderscore() {
		int percent = insertTopic(this.prefix + "50% off");
		insertTopic(this.prefix + "50 percent");
		int underscore = insertTopic(this.prefix + "a_b");
		insertTopic(this.prefix + "axb");
		int exact = insertTopic(this.prefix + "a_");

		assertThat(ids("/topics?prefix=" + encode(this.prefix + "50%"))).containsExactly(percent);
		assertThat(ids("/topics?prefix=" + encode(this.prefix + "a_"))).containsExactly(exact, underscore);
		assertThat(ids("/topics?prefix=" + encode(this.prefix + "A"))).isEmpty();
	}

	@Test
	void aPrefixEndingInTheLastCodePointStillFindsItsNames() {
		String last = new String(Character.toChars(Character.MAX_CODE_POINT));
		int match = insertTopic(this.prefix + last + "x");
		insertTopic(this.prefix + "z");

		assertThat(ids("/topics?prefix=" + encode(this.prefix + last))).containsExactly(match);
	}

	@Test
	void theNextLinkContinuesTheSameListing() {
		insertTopic(this.prefix + "1");
		int second = insertTopic(this.prefix + "2");

		ReadApi.Response first = this.api.get("/topics?limit=1&prefix=" + encode(this.prefix));
		String link = first.link();
		String next = link.substring(link.indexOf("/topics"), link.indexOf('>'));

		assertThat(link).endsWith(">; rel=\"next\"").contains("cursor=" + first.next());
		assertThat(ids(next)).containsExactly(second);
	}

	@Test
	void anUnknownTopicIsAProblemDetail404() {
		ReadApi.Response response = this.api.get("/topics/2147483647");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.json().get("detail").asString()).isEqualTo("No topic with id 2147483647.");
		assertThat(response.json().get("instance").asString()).isEqualTo("/topics/2147483647");
	}

	@Test
	void aNonNumericTopicIdIsAProblemDetail400() {
		ReadApi.Response response = this.api.get("/topics/abc");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("'id'").contains("abc");
		assertThat(response.text()).doesNotContain("Exception").doesNotContain("at com.");
	}

	@Test
	void aTamperedCursorIsAProblemDetail400() {
		insertTopic(this.prefix + "1");
		insertTopic(this.prefix + "2");
		String cursor = this.api.get("/topics?limit=1&prefix=" + encode(this.prefix)).next();

		List<String> tampered = List.of(cursor.substring(1), "!!", base64("[]"), base64("[\"topics\",\"x\"]"),
				base64("[\"topics\",5,\"x\"]"), base64("[\"sessions\",\"2026-01-01\",1]"),
				base64("[\"topics\",\"x\",1] trailing"));
		for (String bad : tampered) {
			ReadApi.Response response = this.api.get("/topics?cursor=" + bad);

			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.json().get("detail").asString()).as(bad).contains("cursor");
		}
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aCursorUsedWithAnotherPrefixIsAProblemDetail400() {
		insertTopic(this.prefix + "1");
		insertTopic(this.prefix + "2");
		String cursor = this.api.get("/topics?limit=1&prefix=" + encode(this.prefix)).next();

		ReadApi.Response response = this.api.get("/topics?prefix=zzz&cursor=" + cursor);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("prefix");
	}

	@Test
	void aLimitOutOfRangeIsAProblemDetail400() {
		for (String limit : List.of("0", "501", "-1")) {
			ReadApi.Response response = this.api.get("/topics?limit=" + limit);

			assertThat(response.status()).isEqualTo(400);
			assertThat(response.json().get("detail").asString()).contains("between 1 and 500");
		}
		assertThat(this.api.get("/topics?limit=ten").status()).isEqualTo(400);
	}

	@Test
	void aPageHoldsFiftyTopicsUnlessALimitIsGiven() {
		for (int i = 0; i < 51; i++) {
			insertTopic(this.prefix + i);
		}

		assertThat(this.api.get("/topics?prefix=" + encode(this.prefix)).items()).hasSize(50);
		assertThat(this.api.get("/topics?limit=500&prefix=" + encode(this.prefix)).items()).hasSize(51);
	}

	@Test
	void pagingStaysCorrectUnderConcurrentInserts() throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			insertTopic(this.prefix + String.format("%04d", i * 2));
		}
		AtomicBoolean stop = new AtomicBoolean();
		Thread writer = new Thread(() -> {
			for (int i = 0; !stop.get() && i < 5000; i++) {
				insertTopic(this.prefix + String.format("%04d", (i % 100) * 2 + 1));
			}
		});
		writer.start();
		List<String> names = new ArrayList<>();
		List<Integer> ids = new ArrayList<>();
		String cursor = null;
		try {
			do {
				ReadApi.Response page = this.api.get("/topics?limit=9&prefix=" + encode(this.prefix)
						+ ((cursor != null) ? "&cursor=" + cursor : ""));
				page.items().forEach((topic) -> names.add(topic.get("name").asString()));
				page.items().forEach((topic) -> ids.add(topic.get("id").asInt()));
				cursor = page.next();
			}
			while (cursor != null);
		}
		finally {
			stop.set(true);
			writer.join();
		}

		assertThat(ids).doesNotHaveDuplicates();
		assertThat(names).isSorted();
		for (int i = 0; i < 100; i++) {
			assertThat(names).contains(this.prefix + String.format("%04d", i * 2));
		}
	}

	private List<Integer> ids(String pathAndQuery) {
		ReadApi.Response response = this.api.get(pathAndQuery);
		assertThat(response.status()).isEqualTo(200);
		return response.items().stream().map((topic) -> topic.get("id").asInt()).toList();
	}

	private int insertTopic(String name) {
		return this.jdbc.queryForObject("""
				insert into topics (id, name, event_id, occurred_at, created_at)
				values (nextval('topics_id_seq'), ?, gen_random_uuid(), now(), now()) returning id""", Integer.class,
				name);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
