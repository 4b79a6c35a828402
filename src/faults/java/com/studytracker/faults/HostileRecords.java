package com.studytracker.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;

import com.studytracker.faults.LoadGenerator.Kind;
import com.studytracker.testsupport.Events;

/**
 * The catalogue of bad records for the hostile-input scenario. Each is either unreadable
 * (no eventId can be read: dead letter only) or readable but invalid (REJECTED
 * confirmation plus dead letter).
 */
final class HostileRecords {

	record Bad(String label, boolean sessionStream, byte[] key, byte[] value, Kind kind, UUID eventId) {
	}

	private HostileRecords() {
	}

	private interface Maker extends BiFunction<UUID, UUID, Bad> {

	}

	/**
	 * The repeatable kinds; the 5 MB string and the 10,000-deep nesting are added once
	 * each on top.
	 */
	private static List<Maker> catalogue() {
		List<Maker> m = new ArrayList<>();
		m.add((id, topic) -> unreadable("not JSON", false, "this is not JSON { at all"));
		m.add((id, topic) -> {
			String valid = Events.json(Events.sessionLogged(id, topic, 30));
			return unreadable("truncated JSON", true, valid.substring(0, valid.length() / 2));
		});
		m.add((id, topic) -> new Bad("invalid UTF-8", false, key(id),
				concat(("{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"bad ")
					.getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE },
						"\"}".getBytes(StandardCharsets.UTF_8)),
				Kind.UNREADABLE, null));
		m.add((id, topic) -> new Bad("empty value", true, key(id), new byte[0], Kind.UNREADABLE, null));
		m.add((id, topic) -> new Bad("null value", false, key(id), null, Kind.UNREADABLE, null));
		m.add((id, topic) -> new Bad("null key and not JSON", true, null, utf8("\u0000\u0001\u0002"), Kind.UNREADABLE,
				null));
		m.add((id, topic) -> unreadable("2,000-digit number", true,
				"{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"topicEventId\":\"" + topic
						+ "\",\"durationMinutes\":" + "9".repeat(2000) + "}"));
		m.add((id, topic) -> unreadable("JSON array", false, "[1,2,3]"));
		m.add((id, topic) -> unreadable("JSON null literal", true, "null"));
		m.add((id, topic) -> unreadable("JSON string", false, "\"" + id + "\""));
		m.add((id, topic) -> unreadable("eventId not a UUID", false,
				"{\"eventId\":\"not-a-uuid\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"x\"}"));
		m.add((id, topic) -> unreadable("eventId missing", true,
				"{\"occurredAt\":\"2026-11-25T09:30:00Z\",\"topicEventId\":\"" + topic + "\",\"durationMinutes\":5}"));
		m.add((id, topic) -> unreadable("duplicate keys", false, "{\"eventId\":\"" + id + "\",\"eventId\":\"" + id
				+ "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"x\"}"));
		m.add((id, topic) -> unreadable("nesting depth 100", true,
				"{\"eventId\":\"" + id + "\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}"));
		// readable eventId, schema violations: REJECTED INVALID_EVENT
		m.add((id, topic) -> rejected("topic without name", false, id, topic(id, Map.of())));
		m.add((id, topic) -> rejected("topic blank name", false, id, topic(id, Map.of("name", "   "))));
		m.add((id, topic) -> rejected("topic name 201 chars", false, id, topic(id, Map.of("name", "n".repeat(201)))));
		m.add((id, topic) -> rejected("topic description 10,001 chars", false, id,
				topic(id, Map.of("name", "ok", "description", "d".repeat(10_001)))));
		m.add((id, topic) -> rejected("topic name not a string", false, id, topic(id, Map.of("name", 42))));
		m.add((id, topic) -> rejected("topic NUL in name", false, id, topic(id, Map.of("name", "nul\u0000here"))));
		m.add((id, topic) -> rejected("occurredAt not a date-time", false, id,
				"{\"eventId\":\"" + id + "\",\"occurredAt\":\"yesterday\",\"name\":\"x\"}"));
		m.add((id, topic) -> rejected("session duration 0", true, id,
				session(id, topic, Map.of("durationMinutes", 0))));
		m.add((id, topic) -> rejected("session duration 1441", true, id,
				session(id, topic, Map.of("durationMinutes", 1441))));
		m.add((id, topic) -> rejected("session duration as string", true, id,
				session(id, topic, Map.of("durationMinutes", "60"))));
		m.add((id, topic) -> rejected("session duration 1.5", true, id,
				session(id, topic, Map.of("durationMinutes", 1.5))));
		m.add((id, topic) -> rejected("session topicId and topicEventId", true, id,
				session(id, topic, Map.of("topicId", 1))));
		m.add((id, topic) -> rejected("session no topic reference", true, id,
				"{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"durationMinutes\":5}"));
		m.add((id, topic) -> rejected("session studyDate 2026-02-30", true, id,
				session(id, topic, Map.of("studyDate", "2026-02-30"))));
		m.add((id, topic) -> rejected("session notes 10,001 chars", true, id,
				session(id, topic, Map.of("notes", "z".repeat(10_001)))));
		m.add((id, topic) -> rejected("session NUL in notes", true, id,
				session(id, topic, Map.of("notes", "before\u0000after"))));
		return m;
	}

	static List<Bad> generate(int count, boolean includeHuge, List<UUID> knownTopics, Random random) {
		List<Maker> catalogue = catalogue();
		List<Bad> bad = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID topic = knownTopics.isEmpty() ? UUID.randomUUID()
					: knownTopics.get(random.nextInt(knownTopics.size()));
			bad.add(catalogue.get(i % catalogue.size()).apply(UUID.randomUUID(), topic));
		}
		if (includeHuge) {
			bad.add(deepNesting());
			bad.add(fiveMegabytes());
		}
		return bad;
	}

	static Bad deepNesting() {
		return unreadable("nesting depth 10,000", false,
				"{\"eventId\":\"" + UUID.randomUUID() + "\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
	}

	static Bad fiveMegabytes() {
		return unreadable("5 MB string", false, "{\"eventId\":\"" + UUID.randomUUID()
				+ "\",\"occurredAt\":\"2026-11-25T09:30:00Z\",\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}");
	}

	static int catalogueSize() {
		return catalogue().size();
	}

	private static String topic(UUID id, Map<String, Object> fields) {
		Map<String, Object> event = new java.util.LinkedHashMap<>();
		event.put("eventId", id.toString());
		event.put("occurredAt", "2026-11-25T09:30:00Z");
		event.putAll(fields);
		return Events.json(event);
	}

	private static String session(UUID id, UUID topic, Map<String, Object> fields) {
		Map<String, Object> event = Events.sessionLogged(id, topic, 30);
		event.putAll(fields);
		return Events.json(event);
	}

	private static Bad unreadable(String label, boolean session, String value) {
		return new Bad(label, session, utf8("bad-" + label), utf8(value), Kind.UNREADABLE, null);
	}

	private static Bad rejected(String label, boolean session, UUID id, String value) {
		return new Bad(label, session, key(id), utf8(value), Kind.REJECTED, id);
	}

	private static byte[] key(UUID id) {
		return utf8(id.toString());
	}

	private static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] p : parts) {
			out.writeBytes(p);
		}
		return out.toByteArray();
	}

}
