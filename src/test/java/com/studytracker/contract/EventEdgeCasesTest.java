package com.studytracker.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.session.SessionLogged;
import com.studytracker.topic.TopicCreated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs real producers send that once broke "stored exactly as sent" or "identical
 * confirmations", checked at the contract without Kafka or a database.
 */
class EventEdgeCasesTest {

	private static final String EVENT_ID = "3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1f";

	private final EventReader reader = new EventReader(new StudyTrackerProperties(null, null,
			new StudyTrackerProperties.Limits(1_048_576, 32, 100), null, null, null, null));

	@Test
	void keepsOccurredAtWithSevenOrNineFractionalDigitsAtMicrosecondPrecision() {
		TopicCreated seven = valid(topicJson("\"2026-11-25T09:30:00.1234567+01:00\"", "\"Go\""));
		TopicCreated nine = valid(topicJson("\"2026-11-25T08:30:00.123456789Z\"", "\"Go\""));

		assertThat(seven.occurredAt().toInstant().toString()).isEqualTo("2026-11-25T08:30:00.123456Z");
		assertThat(nine.occurredAt().toInstant()).isEqualTo(seven.occurredAt().toInstant());
	}

	@Test
	void rejectsAnEscapedLoneSurrogateWithItsPointer() {
		Decoded<SessionLogged> decoded = this.reader.read(EventType.SESSION_LOGGED,
				utf8("{\"eventId\":\"" + EVENT_ID + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"topicId\":1,"
						+ "\"durationMinutes\":5,\"notes\":\"ok \\ud800 then\"}"),
				SessionLogged.class);

		assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
		assertThat(((Decoded.Invalid<SessionLogged>) decoded).violations()).extracting(Violation::pointer)
			.containsExactly("/notes");
	}

	@Test
	void treatsALoneSurrogateSentAsRawCesu8BytesAsUnreadable() {
		byte[] prefix = utf8("{\"eventId\":\"" + EVENT_ID + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"a");
		byte[] suffix = utf8("b\"}");
		byte[] value = new byte[prefix.length + 3 + suffix.length];
		System.arraycopy(prefix, 0, value, 0, prefix.length);
		// U+DC00 encoded the CESU-8 way: not UTF-8.
		value[prefix.length] = (byte) 0xED;
		value[prefix.length + 1] = (byte) 0xB0;
		value[prefix.length + 2] = (byte) 0x80;
		System.arraycopy(suffix, 0, value, prefix.length + 3, suffix.length);

		Decoded<TopicCreated> decoded = this.reader.read(EventType.TOPIC_CREATED, value, TopicCreated.class);

		assertThat(decoded).isInstanceOf(Decoded.Unreadable.class);
		assertThat(((Decoded.Unreadable<TopicCreated>) decoded).problem()).contains("UTF-8");
	}

	@Test
	void keepsAValidSurrogatePairAsSent() {
		TopicCreated event = valid(topicJson("\"2026-11-25T09:30:00Z\"", "\"\\ud83e\\udde0 brain\""));

		assertThat(event.name()).isEqualTo("\uD83E\uDDE0 brain");
	}

	@Test
	void treatsAByteOrderMarkAsUnreadable() {
		byte[] json = utf8(topicJson("\"2026-11-25T09:30:00Z\"", "\"Go\""));
		byte[] withBom = new byte[json.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(json, 0, withBom, 3, json.length);

		assertThat(this.reader.read(EventType.TOPIC_CREATED, withBom, TopicCreated.class))
			.isInstanceOf(Decoded.Unreadable.class);
	}

	@Test
	void treatsUtf16AndUtf32AsUnreadable() {
		String json = topicJson("\"2026-11-25T09:30:00Z\"", "\"Go\"");
		for (String charset : new String[] { "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE" }) {
			assertThat(this.reader.read(EventType.TOPIC_CREATED,
					json.getBytes(java.nio.charset.Charset.forName(charset)), TopicCreated.class))
				.as(charset)
				.isInstanceOf(Decoded.Unreadable.class);
		}
	}

	@Test
	void readsAnUppercaseEventIdAsTheSameUuid() {
		TopicCreated event = valid(topicJson("\"2026-11-25T09:30:00Z\"", "\"Go\"").replace(EVENT_ID,
				EVENT_ID.toUpperCase(java.util.Locale.ROOT)));

		assertThat(event.eventId()).isEqualTo(UUID.fromString(EVENT_ID));
		assertThat(event.eventId().toString()).isEqualTo(EVENT_ID);
	}

	@Test
	void rejectsANameOf200CharactersFollowedByALineSeparator() {
		assertThat(invalidPointers(topicJson("\"2026-11-25T09:30:00Z\"", "\"" + "x".repeat(200) + "\\u2028\"")))
			.containsExactly("/name");
	}

	@Test
	void trimsOnlyWhatTheDatabaseTrims() {
		// NEL and NO-BREAK SPACE are characters for the database's btrim: 199 + 1 fits.
		valid(topicJson("\"2026-11-25T09:30:00Z\"", "\"" + "x".repeat(199) + "\\u0085\""));
		valid(topicJson("\"2026-11-25T09:30:00Z\"", "\"\\u00a0\""));
		assertThat(invalidPointers(topicJson("\"2026-11-25T09:30:00Z\"", "\"\\u00a0" + "x".repeat(200) + "\"")))
			.containsExactly("/name");
	}

	@Test
	void rejectsANameLongerThan600CharactersAsSentEvenIfShortAfterTrimming() {
		String padded = " ".repeat(300) + "Vectors" + "\\n".repeat(293);
		valid(topicJson("\"2026-11-25T09:30:00Z\"", "\"" + padded + "\""));

		assertThat(invalidPointers(topicJson("\"2026-11-25T09:30:00Z\"", "\"" + padded + " \"")))
			.containsExactly("/name");
		assertThat(invalidPointers(
				topicJson("\"2026-11-25T09:30:00Z\"", "\"" + " ".repeat(400_000) + "x" + " ".repeat(400_000) + "\"")))
			.containsExactly("/name");
	}

	@Test
	void treatsOverlongAndOutOfRangeUtf8AsUnreadable() {
		byte[] prefix = utf8("{\"eventId\":\"" + EVENT_ID + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"a");
		for (byte[] bad : new byte[][] { { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
				{ (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 } }) {
			byte[] value = new byte[prefix.length + bad.length + 2];
			System.arraycopy(prefix, 0, value, 0, prefix.length);
			System.arraycopy(bad, 0, value, prefix.length, bad.length);
			value[value.length - 2] = '"';
			value[value.length - 1] = '}';

			assertThat(this.reader.read(EventType.TOPIC_CREATED, value, TopicCreated.class))
				.isInstanceOf(Decoded.Unreadable.class);
		}
	}

	@Test
	void rejectsDatesBefore1900WhichTheDatabaseWouldNotGiveBackAsSent() {
		assertThat(invalidPointers(topicJson("\"0001-04-28T04:17:17.297392Z\"", "\"Go\"")))
			.containsExactly("/occurredAt");
		Decoded<SessionLogged> leapDayOfYearZero = this.reader.read(EventType.SESSION_LOGGED,
				utf8("{\"eventId\":\"" + EVENT_ID + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"topicId\":1,"
						+ "\"durationMinutes\":5,\"studyDate\":\"0000-02-29\"}"),
				SessionLogged.class);
		assertThat(((Decoded.Invalid<SessionLogged>) leapDayOfYearZero).violations()).extracting(Violation::pointer)
			.containsExactly("/studyDate");
	}

	@Test
	void rejectsAnOccurredAtThatAnOffsetCarriesPastTheYear9999InUtc() {
		assertThat(invalidPointers(topicJson("\"9999-12-31T20:34:41.2092-05:40\"", "\"Go\"")))
			.containsExactly("/occurredAt");
		valid(topicJson("\"9999-12-31T20:34:41.2092+05:40\"", "\"Go\""));
	}

	@Test
	void rejectsDateTimesJavaCannotHoldAtTheirPointerWithoutLibraryInternals() {
		for (String occurredAt : new String[] { "2026-11-25T09:30:00+18:30", "2016-12-31T23:59:60Z",
				"2026-11-25T09:30:00.1234567891Z" }) {
			Decoded<TopicCreated> decoded = this.reader.read(EventType.TOPIC_CREATED,
					utf8(topicJson("\"" + occurredAt + "\"", "\"Go\"")), TopicCreated.class);
			assertThat(decoded).as(occurredAt).isInstanceOf(Decoded.Invalid.class);
			Violation violation = ((Decoded.Invalid<TopicCreated>) decoded).violations().get(0);
			assertThat(violation.pointer()).as(occurredAt).isEqualTo("/occurredAt");
			assertThat(violation.message()).doesNotContain("java.").doesNotContain("Cannot deserialize");
		}
	}

	@Test
	void describesUnreadableJsonWithoutQuotingIt() {
		Decoded<TopicCreated> decoded = this.reader.read(EventType.TOPIC_CREATED, utf8("secret-content here"),
				TopicCreated.class);

		assertThat(((Decoded.Unreadable<TopicCreated>) decoded).problem()).startsWith("not valid JSON")
			.doesNotContain("secret");
	}

	private static String topicJson(String occurredAt, String name) {
		return "{\"eventId\":\"" + EVENT_ID + "\",\"occurredAt\":" + occurredAt + ",\"name\":" + name + "}";
	}

	private TopicCreated valid(String json) {
		Decoded<TopicCreated> decoded = this.reader.read(EventType.TOPIC_CREATED, utf8(json), TopicCreated.class);
		assertThat(decoded).isInstanceOf(Decoded.Valid.class);
		return ((Decoded.Valid<TopicCreated>) decoded).event();
	}

	private java.util.List<String> invalidPointers(String json) {
		Decoded<TopicCreated> decoded = this.reader.read(EventType.TOPIC_CREATED, utf8(json), TopicCreated.class);
		assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
		return ((Decoded.Invalid<TopicCreated>) decoded).violations().stream().map(Violation::pointer).toList();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
