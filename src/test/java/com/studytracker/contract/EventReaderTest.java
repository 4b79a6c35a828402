package com.studytracker.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.session.SessionLogged;
import com.studytracker.topic.TopicCreated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract as the schemas in schemas/ define it, checked without Kafka or a database.
 */
class EventReaderTest {

	private static final String EVENT_ID = UUID.randomUUID().toString();

	private final EventReader reader = new EventReader(new StudyTrackerProperties(null, null,
			new StudyTrackerProperties.Limits(1_048_576, 32, 100), null, null, null, null));

	@Test
	void readsAValidTopicCreatedIgnoringUnknownFields() {
		Decoded<TopicCreated> decoded = topic("{\"eventId\":\"" + EVENT_ID
				+ "\",\"occurredAt\":\"2026-11-25T09:30:00+01:00\",\"name\":\" Go \",\"description\":null,\"colour\":\"red\"}");

		assertThat(decoded).isInstanceOf(Decoded.Valid.class);
		TopicCreated event = ((Decoded.Valid<TopicCreated>) decoded).event();
		assertThat(event.name()).isEqualTo(" Go ");
		assertThat(event.occurredAt().toInstant().toString()).isEqualTo("2026-11-25T08:30:00Z");
	}

	@Test
	void requiresAnOffsetInOccurredAt() {
		assertThat(violations(
				topic("{\"eventId\":\"" + EVENT_ID + "\",\"occurredAt\":\"2026-11-25T09:30:00\",\"name\":\"x\"}")))
			.extracting(Violation::pointer)
			.containsExactly("/occurredAt");
	}

	@Test
	void listsEveryViolationOfASessionWithReadableMessages() {
		Decoded<SessionLogged> decoded = session("{\"eventId\":\"" + EVENT_ID
				+ "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"durationMinutes\":1441,\"notes\":42,\"studyDate\":\"25/11/2026\"}");

		assertThat(violations(decoded)).extracting(Violation::pointer)
			.containsExactlyInAnyOrder("", "/durationMinutes", "/notes", "/studyDate");
		assertThat(violations(decoded)).extracting(Violation::message)
			.contains("must name its topic by exactly one of topicId or topicEventId",
					"must be at most 1440 minutes (one day)", "must be a string or null",
					"must be a calendar date YYYY-MM-DD");
	}

	@Test
	void rejectsSessionsNamingTheirTopicTwice() {
		Decoded<SessionLogged> decoded = session("{\"eventId\":\"" + EVENT_ID
				+ "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"durationMinutes\":10,\"topicId\":3,\"topicEventId\":\""
				+ UUID.randomUUID() + "\"}");

		assertThat(violations(decoded)).extracting(Violation::message)
			.containsExactly("must name its topic by exactly one of topicId or topicEventId");
	}

	@Test
	void checksTheUuidFormatOfTopicReferences() {
		String prefix = "{\"eventId\":\"" + EVENT_ID
				+ "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"durationMinutes\":10,";

		assertThat(violations(session(prefix + "\"topicEventId\":\"3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1\"}")))
			.extracting(Violation::pointer)
			.containsExactly("/topicEventId");
		assertThat(violations(session(prefix + "\"topicEventId\":\"3f2b8c4e-9d1a-4c5e-8f00+6a7b8c9d0e1f\"}")))
			.extracting(Violation::pointer)
			.containsExactly("/topicEventId");
		assertThat(session(prefix + "\"topicEventId\":\"3F2B8C4E-9D1A-4C5E-8F00-6A7B8C9D0E1F\"}"))
			.isInstanceOf(Decoded.Valid.class);
	}

	@Test
	void treatsNullLikeAnAbsentOptionalField() {
		Decoded<SessionLogged> decoded = session("{\"eventId\":\"" + EVENT_ID
				+ "\",\"occurredAt\":\"2026-11-25T23:30:00-02:00\",\"durationMinutes\":10,\"topicId\":3,\"topicEventId\":null,\"studyDate\":null,\"notes\":null}");

		SessionLogged event = ((Decoded.Valid<SessionLogged>) decoded).event();
		assertThat(event.topicId()).isEqualTo(3);
		assertThat(event.effectiveStudyDate()).hasToString("2026-11-26");
	}

	@Test
	void limitsNameLengthAfterTrimmingAndCountsCharactersNotBytes() {
		assertThat(topic(name("😀".repeat(200)))).isInstanceOf(Decoded.Valid.class);
		assertThat(topic(name("\\t " + "a".repeat(200) + " \\n"))).isInstanceOf(Decoded.Valid.class);
		assertThat(violations(topic(name("a".repeat(201))))).extracting(Violation::message)
			.containsExactly("must be 1 to 200 characters long after trimming surrounding whitespace");
		assertThat(violations(topic(name(" \\t ")))).hasSize(1);
	}

	@Test
	void rejectsTheNulCharacter() {
		assertThat(violations(topic(name("a\\u0000b")))).extracting(Violation::message)
			.containsExactly("must not contain the NUL character (U+0000) or an unpaired surrogate (U+D800 to U+DFFF)");
	}

	@Test
	void cannotReadWhatIsNotAnEventWithAnId() {
		assertThat(topic("")).isInstanceOf(Decoded.Unreadable.class);
		assertThat(topic("null")).isInstanceOf(Decoded.Unreadable.class);
		assertThat(topic("\"text\"")).isInstanceOf(Decoded.Unreadable.class);
		assertThat(topic("{\"eventId\":\"123\"}")).isInstanceOf(Decoded.Unreadable.class);
		assertThat(topic("{\"eventId\":\"" + EVENT_ID + "\",\"eventId\":\"" + EVENT_ID + "\"}"))
			.isInstanceOf(Decoded.Unreadable.class);
		assertThat(topic("{\"eventId\":\"" + EVENT_ID + "\"} trailing")).isInstanceOf(Decoded.Unreadable.class);
		assertThat(topic("{\"a\":" + "[".repeat(33) + "]".repeat(33) + "}")).isInstanceOf(Decoded.Unreadable.class);
	}

	@Test
	void reportsAnEventIdThatIsNotAUuidOnlyAsUnreadable() {
		Decoded<TopicCreated> decoded = topic("{\"eventId\":\"zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz\",\"name\":\"x\"}");

		assertThat(((Decoded.Unreadable<TopicCreated>) decoded).problem()).contains("eventId");
	}

	private static String name(String name) {
		return "{\"eventId\":\"" + EVENT_ID + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"" + name + "\"}";
	}

	private Decoded<TopicCreated> topic(String json) {
		return this.reader.read(EventType.TOPIC_CREATED, json.getBytes(StandardCharsets.UTF_8), TopicCreated.class);
	}

	private Decoded<SessionLogged> session(String json) {
		return this.reader.read(EventType.SESSION_LOGGED, json.getBytes(StandardCharsets.UTF_8), SessionLogged.class);
	}

	private static java.util.List<Violation> violations(Decoded<?> decoded) {
		assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
		return ((Decoded.Invalid<?>) decoded).violations();
	}

}
