package com.studytracker.contract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import com.studytracker.generated.Generators.Gen;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events in the shape real producers send (the domain of {@link CertainlyValid}), each
 * field drawn at or next to a boundary of its schema: lengths, trimming characters,
 * calendar dates, times, fractions, offsets, integer bounds, the topic reference's
 * {@code oneOf}. Many are invalid; the point is to find where the fast path and the
 * schema files could disagree.
 */
final class ProducerShapedEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] PADDING = { "", " ", "\t", "\n", "\r", "\f", "\u000b", "  \t\n", "\u0085", "\u00a0",
			"\u2028", "\u3000", "\u001f" };

	private static final String[] OFFSETS = { "Z", "z", "+00:00", "-00:00", "+01:00", "-05:30", "+14:59", "-14:59",
			"+15:00", "+18:00", "+24:00", "+05:60", "+0530", "+5:30", "" };

	private ProducerShapedEvents() {
	}

	/** A (type, JSON object) pair, as bytes. */
	record Sample(EventType type, byte[] value, String describe) {
	}

	static Gen<Sample> samples() {
		return (random) -> {
			EventType type = random.nextBoolean() ? EventType.TOPIC_CREATED : EventType.SESSION_LOGGED;
			Map<String, Object> event = new LinkedHashMap<>();
			put(random, event, "eventId", "3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1f",
					"3F2B8C4E-9D1A-4C5E-8F00-6A7B8C9D0E1F", "3f2b8c4e9d1a4c5e8f006a7b8c9d0e1f",
					"3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1g", 7);
			put(random, event, "occurredAt", dateTime(random), 20261125);
			if (type == EventType.TOPIC_CREATED) {
				put(random, event, "name", text(random, 200), text(random, 600), "", 5);
				put(random, event, "description", text(random, 10_000), null, 3);
			}
			else {
				put(random, event, "topicId", 1, 0, -1, 42, Integer.MAX_VALUE, 2_147_483_648L, 1.0, "42", null);
				put(random, event, "topicEventId", "3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1f", "not-a-uuid", null, 3);
				put(random, event, "durationMinutes", 45, 0, 1, 1440, 1441, -1, 45.0, 45.5, "45", null);
				put(random, event, "studyDate", date(random), date(random) + "T00:00:00Z", null, 20240229);
				put(random, event, "notes", text(random, 10_000), null, "", 1);
			}
			byte[] value = JSON.writeValueAsBytes(event);
			String text = new String(value, StandardCharsets.UTF_8);
			return new Sample(type, value, type + " " + text.substring(0, Math.min(text.length(), 400)));
		};
	}

	/**
	 * Mostly the first value (a valid one), so that most samples have at most one defect;
	 * otherwise leaves the field out or sets it to any of the values.
	 */
	private static void put(RandomGenerator random, Map<String, Object> event, String field, Object... values) {
		int pick = (random.nextInt(10) < 7) ? 0 : random.nextInt(values.length + 1);
		if (pick < values.length) {
			event.put(field, values[pick]);
		}
	}

	/** Around a length limit, padded with trimmed and untrimmed characters. */
	private static String text(RandomGenerator random, int limit) {
		String pad = PADDING[random.nextInt(PADDING.length)];
		int core = switch (random.nextInt(4)) {
			case 0 -> limit + random.nextInt(-2, 3);
			case 1 -> random.nextInt(0, 3);
			default -> random.nextInt(0, Math.min(limit, 300));
		};
		StringBuilder text = new StringBuilder(pad);
		for (int i = 0; i < core; i++) {
			text.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x20, 0xD800) : random.nextInt('a', 'z' + 1)));
		}
		return text.append(random.nextBoolean() ? pad : "").toString();
	}

	private static String date(RandomGenerator random) {
		if (random.nextBoolean()) {
			return String.format("%04d-%02d-%02d", random.nextInt(1900, 10_000), random.nextInt(1, 13),
					random.nextInt(1, 29));
		}
		int year = new int[] { 1899, 1900, 1904, 2000, 2023, 2024, 2100, 9999, 10000, 999 }[random.nextInt(10)];
		int month = random.nextInt(0, 14);
		int day = new int[] { 0, 1, 28, 29, 30, 31, 32 }[random.nextInt(7)];
		return String.format("%04d-%02d-%02d", year, month, day);
	}

	private static String dateTime(RandomGenerator random) {
		String separator = (random.nextInt(8) == 0) ? "t" : "T";
		boolean edge = random.nextInt(4) == 0;
		String time = String.format("%02d:%02d:%02d", random.nextInt(0, edge ? 25 : 24),
				random.nextInt(0, edge ? 61 : 60), random.nextInt(0, edge ? 61 : 60));
		int digits = random.nextInt(-1, 11);
		String fraction = (digits < 0) ? "" : "." + "123456789012".substring(0, digits);
		return date(random) + separator + time + fraction + OFFSETS[random.nextInt(OFFSETS.length)];
	}

}
