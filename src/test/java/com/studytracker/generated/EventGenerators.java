package com.studytracker.generated;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import com.studytracker.contract.EventType;
import com.studytracker.generated.GeneratedEvent.Content;
import com.studytracker.generated.GeneratedEvent.Shape;
import com.studytracker.generated.Generators.Gen;
import com.studytracker.generated.Generators.Weighted;

import static com.studytracker.generated.Generators.booleans;
import static com.studytracker.generated.Generators.digits;
import static com.studytracker.generated.Generators.frequency;
import static com.studytracker.generated.Generators.ints;
import static com.studytracker.generated.Generators.just;
import static com.studytracker.generated.Generators.longs;
import static com.studytracker.generated.Generators.of;
import static com.studytracker.generated.Generators.oneOf;
import static com.studytracker.generated.Generators.unit;
import static com.studytracker.generated.Generators.weight;

/**
 * Generators over the whole input space of the event contract: every Unicode plane,
 * lengths at and around every limit, timestamps with any precision and offset in the
 * years 1900 to 9999, null versus absent, unknown fields, both topic references, and
 * records that are not events.
 */
public final class EventGenerators {

	/**
	 * What trimming removes: exactly space, tab, LF, CR, FF and VT (the schema's pattern
	 * and the database's check).
	 */
	public static final int[] TRIMMED = { 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20 };

	/** Other Unicode spaces: characters for the contract, never trimmed. */
	static final int[] UNICODE_SPACES = { 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
			0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF };

	/** Look like space but are characters (not trimmed either). */
	static final int[] SPACE_LIKE = { 0x85, 0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0x1C, 0x1D, 0x1E, 0x1F, 0x115F,
			0x3164, 0xFFA0 };

	static final Set<String> KNOWN_FIELDS = Set.of("eventId", "occurredAt", "name", "description", "topicId",
			"topicEventId", "studyDate", "durationMinutes", "notes");

	/**
	 * Marks where raw (CESU-8) surrogate bytes replace a character; see {@link #cesu8}.
	 */
	static final char MARK = '\uE000';

	/** A stored topic sessions can refer to. */
	public record PoolTopic(UUID eventId, int id) {
	}

	private final List<PoolTopic> pool;

	public EventGenerators(List<PoolTopic> pool) {
		this.pool = List.copyOf(pool);
	}

	// ---- characters and text

	public static boolean isTrimmed(int cp) {
		return IntStream.of(TRIMMED).anyMatch(ws -> ws == cp);
	}

	/**
	 * Any Unicode scalar value except NUL, weighted towards the interesting ones (never
	 * the {@link #MARK}).
	 */
	public static Gen<Integer> codePoint() {
		return EventGenerators.<Integer>frequencyOf(weight(25, ints(0x20, 0x7E)), weight(4, of(0x22, 0x5C, 0x2F, 0x27)),
				weight(4, ints(1, 0x1F)), weight(4, ints(0x7F, 0x9F)), weight(8, ints(0xA0, 0x7FF)),
				weight(8, ints(0x800, 0xFFFD).filter(cp -> (cp < 0xD800 || cp > 0xDFFF) && cp != MARK)),
				weight(6, oneOf(ints(0x300, 0x36F), ints(0x1AB0, 0x1AFF), ints(0x20D0, 0x20FF), ints(0xFE20, 0xFE2F))),
				weight(6, of(TRIMMED)), weight(4, of(UNICODE_SPACES)), weight(4, of(SPACE_LIKE)),
				weight(10, ints(0x10000, 0x10FFFF)), weight(4, ints(0x1F300, 0x1FAFF)),
				weight(2, of(0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE, 0x10FFFF, 0xE0001, 0xE0100, 0xFE0F)));
	}

	@SafeVarargs
	private static <T> Gen<T> frequencyOf(Weighted<T>... choices) {
		return frequency(choices);
	}

	static String string(List<Integer> codePoints) {
		return new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size());
	}

	/** Exactly {@code length} code points. */
	static Gen<String> text(int length) {
		if (length == 0) {
			return just("");
		}
		if (length <= 60) {
			return codePoint().list(length, length).map(EventGenerators::string);
		}
		// Long text: a random pattern cycled to the length.
		return codePoint().list(1, 40).map((pattern) -> {
			int[] cps = new int[length];
			for (int i = 0; i < length; i++) {
				cps[i] = pattern.get(i % pattern.size());
			}
			return new String(cps, 0, length);
		});
	}

	static Gen<Integer> lengthAround(int limit) {
		return EventGenerators.<Integer>frequencyOf(weight(6, ints(0, 40)), weight(3, of(limit - 1, limit)),
				weight(1, ints(41, limit)));
	}

	/** Trimmed-away whitespace, {@code min..max} characters. */
	static Gen<String> padding(int min, int max) {
		return of(TRIMMED).list(min, max).map(EventGenerators::string);
	}

	/** A name whose trimmed value has {@code min..max} code points. */
	static Gen<String> core(int min, int max) {
		Gen<Integer> size = EventGenerators.<Integer>frequencyOf(weight(5, ints(min, max)), weight(3, of(min, max)),
				weight(2, ints(min, min + 5)));
		Gen<Integer> edge = codePoint().filter((cp) -> !isTrimmed(cp));
		return size.flatMap((n) -> (random) -> {
			List<Integer> all = new ArrayList<>();
			all.add(edge.next(random));
			if (n > 1) {
				all.addAll(codePoint().list(n - 2, n - 2).next(random));
				all.add(edge.next(random));
			}
			return string(all);
		});
	}

	/** A name whose trimmed value has {@code min..max} code points, maybe padded. */
	static Gen<String> name(int min, int max) {
		Gen<String> pad = EventGenerators.<String>frequencyOf(weight(2, just("")), weight(1, padding(1, 6)));
		return (random) -> pad.next(random) + core(min, max).next(random) + pad.next(random);
	}

	/**
	 * A name of 1 to 200 characters after trimming padded to exactly {@code total} code
	 * points as sent.
	 */
	static Gen<String> namePaddedTo(Gen<Integer> total) {
		return (random) -> {
			String core = core(1, 200).next(random);
			int missing = Math.max(0, total.next(random) - core.codePointCount(0, core.length()));
			int left = random.nextInt(missing + 1);
			return padding(left, left).next(random) + core + padding(missing - left, missing - left).next(random);
		};
	}

	static Gen<String> blank() {
		return padding(0, 8);
	}

	/** Inserts a lone surrogate (or a reversed pair) at a code point boundary. */
	static Gen<String> withLoneSurrogate(Gen<String> text) {
		Gen<String> surrogate = of("\ud800", "\udbff", "\udc00", "\udfff", "\udc00\ud800", "\ud83d");
		return (random) -> insert(text.next(random), surrogate.next(random), random.nextDouble());
	}

	static Gen<String> withNul(Gen<String> text) {
		return (random) -> insert(text.next(random), "\u0000", random.nextDouble());
	}

	static String insert(String text, String insert, double at) {
		int cps = text.codePointCount(0, text.length());
		int index = text.offsetByCodePoints(0, (int) Math.round(at * cps));
		return text.substring(0, index) + insert + text.substring(index);
	}

	// ---- timestamps and dates

	/** Years the contract accepts, with the edges and the epoch weighted up. */
	static Gen<Integer> year() {
		return EventGenerators.<Integer>frequencyOf(weight(2, of(1900, 1901, 1969, 1970, 2000, 2026, 9998, 9999)),
				weight(3, ints(1900, 2100)), weight(1, ints(1900, 9999)));
	}

	/** Years before 1900: INVALID_EVENT at the field's pointer. */
	static Gen<Integer> earlyYear() {
		return EventGenerators.<Integer>frequencyOf(weight(2, of(0, 1, 1000, 1582, 1583, 1899)),
				weight(1, ints(0, 1899)));
	}

	static Gen<int[]> date(Gen<Integer> year) {
		return (random) -> {
			int y = year.next(random);
			int m = random.nextInt(1, 13);
			int length = YearMonth.of(y, m).lengthOfMonth();
			int d = random.nextBoolean() ? length : random.nextInt(1, length + 1);
			return new int[] { y, m, d };
		};
	}

	static Gen<String> validOffset() {
		return EventGenerators
			.<String>frequencyOf(
					weight(3,
							of("Z", "z", "+00:00", "-00:00", "+14:00", "-12:00", "+05:45", "-09:30", "+18:00",
									"-18:00")),
					weight(3, (random) -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
							random.nextInt(0, 18), random.nextInt(0, 60))));
	}

	static Gen<Stamp> stamp(Gen<Integer> year, Gen<String> offset, Gen<Integer> second, Gen<String> fraction) {
		return (random) -> {
			int[] d = date(year).next(random);
			return new Stamp(d[0], d[1], d[2], random.nextInt(0, 24), random.nextInt(0, 60), second.next(random),
					fraction.next(random), random.nextBoolean() ? 'T' : 't', offset.next(random));
		};
	}

	/**
	 * Valid date-times; a year-9999 one that a negative offset carries past 9999 in UTC
	 * is invalid (EventEdgeCasesTest pins that) and not generated here.
	 */
	public static Gen<Stamp> validStamp() {
		Gen<Stamp> any = stamp(year(), validOffset(), ints(0, 59), digits(0, 9));
		Instant latest = Instant.parse("9999-12-31T23:59:59.999999Z");
		return (random) -> {
			Stamp stamp = any.next(random);
			while (stamp.instant() != null && stamp.instant().isAfter(latest)) {
				stamp = any.next(random);
			}
			return stamp;
		};
	}

	/**
	 * RFC 3339 date-times java.time cannot hold: offsets beyond 18 hours, leap seconds,
	 * more than 9 fractional digits. INVALID_EVENT at /occurredAt.
	 */
	static Gen<Stamp> exoticStamp() {
		Gen<String> farOffset = (random) -> {
			int hours = random.nextInt(18, 24);
			return String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", hours,
					(hours == 18) ? random.nextInt(1, 60) : random.nextInt(0, 60));
		};
		return oneOf(stamp(year(), farOffset, ints(0, 59), digits(0, 9)),
				stamp(year(), validOffset(), ints(0, 59), digits(10, 15)),
				stamp(year(), validOffset(), just(60), digits(0, 9)),
				of(new Stamp(2016, 12, 31, 23, 59, 60, "", 'T', "Z"),
						new Stamp(2016, 12, 31, 23, 59, 60, "5", 'T', "Z"),
						new Stamp(2017, 1, 1, 0, 59, 60, "", 'T', "+01:00")));
	}

	static Gen<Object> invalidTimestamp() {
		return oneOf(
				of("2026-11-25T09:30:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z",
						"2026-11-25T09:60:00Z", "2026-11-25T09:30:00.Z", "2026-11-25T09:30Z",
						"2026-11-25T09:30:00+0100", "2026-11-25T09:30:00+01", "2026-11-25T09:30:00+01:60",
						"+12026-11-25T09:30:00Z", "2025-02-29T09:30:00Z", "26-11-25T09:30:00Z", "2026-11-25",
						"yesterday", "", " 2026-11-25T09:30:00Z", "2026-11-25T09:30:00Z ", "2026-11-25T09:30:00\u2028Z",
						new JsonText.Raw("1764063000"), new JsonText.Raw("true"), List.of("2026-11-25T09:30:00Z")),
				stamp(earlyYear(), validOffset(), ints(0, 59), digits(0, 9)).map(Stamp::text));
	}

	static Gen<String> validDate() {
		return date(year()).map((d) -> String.format("%04d-%02d-%02d", d[0], d[1], d[2]));
	}

	// ---- fields

	static Gen<String> uuidText() {
		Gen<String> style = of("lower", "UPPER", "mixed");
		return (random) -> styled(new UUID(random.nextLong(), random.nextLong()).toString(), style.next(random),
				random.nextLong());
	}

	/** Writes a UUID in the given case style ("lower", "UPPER", "mixed"). */
	public static String styled(String uuid, String style, long seed) {
		return switch (style) {
			case "UPPER" -> uuid.toUpperCase(Locale.ROOT);
			case "mixed" -> {
				Random random = new Random(seed);
				StringBuilder out = new StringBuilder();
				for (char c : uuid.toCharArray()) {
					out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
				}
				yield out.toString();
			}
			default -> uuid.toLowerCase(Locale.ROOT);
		};
	}

	static Gen<Object> jsonValue(int depth) {
		Gen<Object> leaf = oneOf(codePoint().list(0, 12).map(EventGenerators::string),
				of(new JsonText.Raw("null"), new JsonText.Raw("-0"), new JsonText.Raw("1e308"),
						new JsonText.Raw("-1.5E-7"), new JsonText.Raw("123456789012345678901234567890"),
						new JsonText.Raw("true"), new JsonText.Raw("false")));
		if (depth == 0) {
			return leaf;
		}
		Gen<String> alpha = (random) -> {
			StringBuilder out = new StringBuilder();
			for (int i = random.nextInt(0, 6); i > 0; i--) {
				out.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 'A' + random.nextInt(26)));
			}
			return out.toString();
		};
		Gen<Object> map = (random) -> {
			Map<String, Object> fields = new LinkedHashMap<>();
			for (int i = random.nextInt(0, 4); i > 0; i--) {
				fields.put(alpha.next(random), jsonValue(depth - 1).next(random));
			}
			return fields;
		};
		return EventGenerators.<Object>frequencyOf(weight(4, leaf),
				weight(1, jsonValue(depth - 1).list(0, 3).map((list) -> (Object) list)), weight(1, map));
	}

	static Gen<Map<String, Object>> unknownFields() {
		Gen<String> key = EventGenerators
			.<String>frequencyOf(
					weight(1,
							of("Name", "EVENTID", "eventid", "event_id", "topic_id", "", "$schema", "eventId ",
									"name\u0000", "\u2028", "durationminutes")),
					weight(1, codePoint().list(1, 8).map(EventGenerators::string)))
			.filter((k) -> !KNOWN_FIELDS.contains(k) && !k.equals("dup"));
		Gen<Map<String, Object>> some = (random) -> {
			Map<String, Object> fields = new LinkedHashMap<>();
			for (int i = random.nextInt(1, 4); i > 0; i--) {
				fields.put(key.next(random), jsonValue(3).next(random));
			}
			return fields;
		};
		return EventGenerators.<Map<String, Object>>frequencyOf(weight(3, just(Map.of())), weight(2, some));
	}

	static Gen<Shape> shape() {
		return (random) -> new Shape(random.nextBoolean(), unknownFields().next(random), random.nextLong());
	}

	static Gen<JsonText.Raw> duration() {
		Gen<Integer> minutes = EventGenerators.<Integer>frequencyOf(weight(2, of(1, 2, 1439, 1440)),
				weight(3, ints(1, 1440)));
		Gen<String> format = of("%d.0", "%de0", "%d.000E+0", "%dE0");
		return EventGenerators.<JsonText.Raw>frequencyOf(
				weight(8, minutes.map((m) -> new JsonText.Raw(Integer.toString(m)))),
				weight(1, (random) -> new JsonText.Raw(String.format(format.next(random), minutes.next(random)))));
	}

	// ---- events

	public Gen<GeneratedEvent> validTopic() {
		Gen<String> description = EventGenerators.<String>frequencyOf(weight(1, just((String) null)),
				weight(3, lengthAround(10_000).flatMap(EventGenerators::text)));
		Gen<String> name = EventGenerators.<String>frequencyOf(weight(12, name(1, 200)),
				weight(1, namePaddedTo(of(599, 600))));
		return (random) -> new GeneratedEvent(EventType.TOPIC_CREATED, "valid",
				new Content(uuidText().next(random), validStamp().next(random), name.next(random),
						description.next(random), null, null, null, null, null),
				shape().next(random), Map.of(), null, Expected.accepted());
	}

	public Gen<GeneratedEvent> validSession() {
		Gen<String> notes = EventGenerators.<String>frequencyOf(weight(1, just((String) null)),
				weight(3, lengthAround(10_000).flatMap(EventGenerators::text)));
		Gen<String> studyDate = EventGenerators.<String>frequencyOf(weight(1, just((String) null)),
				weight(1, validDate()));
		Gen<String> style = of("lower", "UPPER", "mixed");
		return (random) -> {
			long seed = random.nextLong();
			PoolTopic topic = this.pool.isEmpty() ? new PoolTopic(new UUID(seed, ~seed), 1)
					: this.pool.get(random.nextInt(this.pool.size()));
			boolean byEventId = random.nextBoolean();
			Integer topicId = byEventId ? null : topic.id();
			String topicEventId = byEventId ? styled(topic.eventId().toString(), style.next(random), seed) : null;
			return new GeneratedEvent(EventType.SESSION_LOGGED, "valid",
					new Content(uuidText().next(random), validStamp().next(random), null, null, topicId, topicEventId,
							studyDate.next(random), duration().next(random), notes.next(random)),
					shape().next(random), Map.of(), null, Expected.accepted());
		};
	}

	public Gen<GeneratedEvent> valid(EventType type) {
		return (type == EventType.TOPIC_CREATED) ? validTopic() : validSession();
	}

	/**
	 * A valid event with exactly one defect, and the pointer(s) the rejection must name.
	 */
	public Gen<GeneratedEvent> invalid(EventType type) {
		return (random) -> {
			GeneratedEvent event = valid(type).next(random);
			Defect defect = defect(type).next(random);
			GeneratedEvent invalid = new GeneratedEvent(type, defect.label(), event.content(), event.shape(),
					defect.overrides(), null, defect.expected());
			return defect.cesu8() ? cesu8(invalid) : invalid;
		};
	}

	/**
	 * @param cesu8 whether the {@link #MARK} in the overridden text is to be sent as the
	 * CESU-8 bytes of a lone surrogate
	 */
	record Defect(String label, Map<String, Object> overrides, Expected expected, boolean cesu8) {

		Defect(String label, Map<String, Object> overrides, Expected expected) {
			this(label, overrides, expected, false);
		}

	}

	private static Gen<Defect> set(String field, String label, Gen<?> value) {
		return value.map((v) -> new Defect(label, overrides(field, v), Expected.invalid("/" + field)));
	}

	private static Map<String, Object> overrides(String field, Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(field, value);
		return map;
	}

	private static Gen<Defect> textDefects(String field, Gen<String> valid, int maxLength) {
		List<Gen<? extends Defect>> defects = new ArrayList<>();
		defects.add(set(field, field + " with NUL", withNul(valid)));
		defects.add(set(field, field + " with lone surrogate", withLoneSurrogate(valid)));
		defects.add(set(field, field + " with a lone surrogate as raw CESU-8 bytes", (random) -> "ok " + MARK + " then")
			.map((d) -> new Defect(d.label(), d.overrides(), Expected.unreadable(), true)));
		defects.add(set(field, field + " not a string",
				of(new JsonText.Raw("42"), new JsonText.Raw("true"), List.of("x"), Map.of("a", "b"))));
		if (maxLength > 0) {
			defects.add(
					set(field, field + " too long", ints(maxLength + 1, maxLength + 4).flatMap(EventGenerators::text)));
		}
		return oneOf(defects);
	}

	private static Gen<Defect> occurredAtDefects() {
		return oneOf(set("occurredAt", "occurredAt invalid", invalidTimestamp()),
				set("occurredAt", "occurredAt null", just(new JsonText.Raw("null"))),
				set("occurredAt", "occurredAt missing", just(GeneratedEvent.ABSENT)));
	}

	Gen<Defect> defect(EventType type) {
		if (type == EventType.TOPIC_CREATED) {
			return oneOf(occurredAtDefects(), set("name", "name blank", blank()),
					set("name", "name too long after trimming", name(201, 260)),
					set("name", "name longer than 600 as sent", namePaddedTo(ints(601, 700))),
					set("name", "name null", just(new JsonText.Raw("null"))),
					set("name", "name missing", just(GeneratedEvent.ABSENT)), textDefects("name", name(1, 200), 0),
					textDefects("description", text(30), 10_000));
		}
		Gen<Defect> references = of(
				new Defect("both topic references", Map.of("topicId", 1, "topicEventId", UUID.randomUUID().toString()),
						Expected.invalid("")),
				new Defect("no topic reference", absent("topicId", "topicEventId"), Expected.invalid("")),
				new Defect("topicId zero", Map.of("topicId", 0, "topicEventId", GeneratedEvent.ABSENT),
						Expected.invalid("/topicId")),
				new Defect("topicId negative", Map.of("topicId", -7, "topicEventId", GeneratedEvent.ABSENT),
						Expected.invalid("/topicId")),
				new Defect("topicId too big",
						Map.of("topicId", new JsonText.Raw("2147483648"), "topicEventId", GeneratedEvent.ABSENT),
						Expected.invalid("/topicId")),
				new Defect("topicEventId not a UUID",
						Map.of("topicId", GeneratedEvent.ABSENT, "topicEventId", "3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1"),
						Expected.invalid("/topicEventId")),
				new Defect("topicEventId with braces", Map.of("topicId", GeneratedEvent.ABSENT, "topicEventId",
						"{3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1f}"), Expected.invalid("/topicEventId")));
		Gen<Defect> durations = oneOf(
				set("durationMinutes", "duration out of range", of(0, -1, 1441, 100000).map(Object.class::cast)),
				set("durationMinutes", "duration not an integer",
						of(new JsonText.Raw("1.5"), new JsonText.Raw("1440.5"), "45", new JsonText.Raw("null"),
								new JsonText.Raw("9999999999"), new JsonText.Raw("true"))),
				set("durationMinutes", "duration missing", just(GeneratedEvent.ABSENT)));
		Gen<Defect> studyDates = oneOf(
				set("studyDate", "studyDate invalid",
						of("2026-02-30", "2026-13-01", "2026-1-01", "2025-02-29", "26-11-25", "2026-11-25T00:00:00Z",
								"", " 2026-11-25", "2026-11-25\n", "+2026-11-25", new JsonText.Raw("20261125"))),
				set("studyDate", "studyDate before 1900",
						date(earlyYear()).map((d) -> String.format("%04d-%02d-%02d", d[0], d[1], d[2]))));
		return oneOf(occurredAtDefects(), references, durations, studyDates, textDefects("notes", text(30), 10_000));
	}

	private static Map<String, Object> absent(String... fields) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (String field : fields) {
			map.put(field, GeneratedEvent.ABSENT);
		}
		return map;
	}

	/**
	 * The event's JSON with the {@link #MARK} sent as the CESU-8 bytes of the lone
	 * surrogate U+DC00 (the event's own text never holds the mark).
	 */
	static GeneratedEvent cesu8(GeneratedEvent event) {
		String json = event.json();
		String escaped = json.contains("\\ue000") ? "\\ue000" : "\\uE000";
		String marked = json.replace(escaped, String.valueOf(MARK));
		int at = marked.indexOf(MARK);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(marked.substring(0, at).getBytes(StandardCharsets.UTF_8));
		out.writeBytes(new byte[] { (byte) 0xED, (byte) 0xB0, (byte) 0x80 });
		out.writeBytes(marked.substring(at + 1).getBytes(StandardCharsets.UTF_8));
		return new GeneratedEvent(event.type(), event.label(), event.content(), event.shape(), event.overrides(),
				out.toByteArray(), event.expected());
	}

	/**
	 * Valid JSON and RFC 3339 that java.time cannot hold: INVALID_EVENT at /occurredAt.
	 */
	public Gen<GeneratedEvent> exotic(EventType type) {
		return (random) -> {
			GeneratedEvent event = valid(type).next(random);
			Content c = event.content();
			return new GeneratedEvent(type, "unrepresentable occurredAt",
					new Content(c.eventId(), exoticStamp().next(random), c.name(), c.description(), c.topicId(),
							c.topicEventId(), (c.studyDate() != null) ? c.studyDate() : "2026-01-01", c.duration(),
							c.notes()),
					event.shape(), Map.of(), null, Expected.invalid("/occurredAt"));
		};
	}

	/** A session naming a topic id that does not exist: rejected at once. */
	public Gen<GeneratedEvent> unknownTopicId() {
		return validSession().map((event) -> {
			Content c = event.content();
			return new GeneratedEvent(
					EventType.SESSION_LOGGED, "unknown topicId", new Content(c.eventId(), c.occurredAt(), null, null,
							Integer.MAX_VALUE, null, c.studyDate(), c.duration(), c.notes()),
					event.shape(), Map.of(), null, Expected.unknownTopic());
		});
	}

	/**
	 * A session naming by eventId a topic that never arrives: rejected once the grace
	 * period has passed.
	 */
	public Gen<GeneratedEvent> neverArrivingTopicEventId() {
		return (random) -> {
			GeneratedEvent event = validSession().next(random);
			Content c = event.content();
			String topicEventId = styled(new UUID(random.nextLong(), random.nextLong()).toString(),
					random.nextBoolean() ? "lower" : "UPPER", 0);
			return new GeneratedEvent(
					EventType.SESSION_LOGGED, "topicEventId that never arrives", new Content(c.eventId(),
							c.occurredAt(), null, null, null, topicEventId, c.studyDate(), c.duration(), c.notes()),
					event.shape(), Map.of(), null, Expected.unknownTopic());
		};
	}

	private static final byte[][] INVALID_UTF8 = { { (byte) 0xC0, (byte) 0xAF },
			{ (byte) 0xE0, (byte) 0x80, (byte) 0xAF }, { (byte) 0xFF }, { (byte) 0x80 }, { (byte) 0xC3 },
			{ (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
			{ (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
			{ (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF },
			// U+1F600 as a CESU-8 surrogate pair: not UTF-8
			{ (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80 } };

	private static final String[] BAD_EVENT_IDS = { "%s ", " %s", "{%s}", "urn:uuid:%s", "%.35s", "%sa",
			"\u0661%.35s" };

	private static final String[] OTHER_ENCODINGS = { "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE" };

	/** Records that are not events: dead-lettered as UNREADABLE, never confirmed. */
	public Gen<GeneratedEvent> unreadable(EventType type) {
		return (random) -> {
			GeneratedEvent event = valid(type).next(random);
			int kind = random.nextInt(0, 16);
			int n = random.nextInt(0, 1_000_001);
			String json = event.json();
			String id = event.content().eventId();
			int open = json.indexOf('{') + 1;
			String head = json.substring(0, open);
			String tail = json.substring(open);
			return switch (kind) {
				case 0 ->
					raw(event, "not JSON",
							new String[] { "not json", "{", "{eventId:1}", "'x'", "NaN",
									"{\"eventId\":\"" + id + "\",}", "{\"eventId\":\"" + id + "\" \"name\":\"x\"}" }[n
											% 7]);
				case 1 -> {
					byte[] bytes = event.value();
					int end = json.lastIndexOf('}');
					int cut = Math.max(1,
							n % Math.max(1, json.substring(0, end).getBytes(StandardCharsets.UTF_8).length));
					yield raw(event, "truncated", java.util.Arrays.copyOf(bytes, cut));
				}
				case 2 -> raw(event, "array", "[" + json + "]");
				case 3 -> raw(event, "scalar", new String[] { "42", "\"" + id + "\"", "true", "null", " " }[n % 5]);
				case 4 -> raw(event, "empty", new byte[0]);
				case 5 -> withOverride(event, "eventId missing", "eventId", GeneratedEvent.ABSENT);
				case 6 -> withOverride(event, "eventId not a UUID", "eventId",
						String.format(BAD_EVENT_IDS[n % BAD_EVENT_IDS.length], id));
				case 7 -> withOverride(event, "eventId not a string", "eventId",
						new JsonText.Raw(new String[] { "null", "42", "[\"" + id + "\"]" }[n % 3]));
				case 8 -> raw(event, "duplicate key", head + "\"eventId\":\"" + id + "\"," + tail);
				case 9 -> raw(event, "trailing data", json + new String[] { "x", "{}", "," }[n % 3]);
				case 10 -> {
					ByteArrayOutputStream out = new ByteArrayOutputStream();
					out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
					out.writeBytes("\"junk\":\"a".getBytes(StandardCharsets.UTF_8));
					out.writeBytes(INVALID_UTF8[n % INVALID_UTF8.length]);
					out.writeBytes("b\",".getBytes(StandardCharsets.UTF_8));
					out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
					yield raw(event, "invalid UTF-8", out.toByteArray());
				}
				case 11 ->
					raw(event, "nested too deep", head + "\"deep\":" + "[".repeat(33) + "]".repeat(33) + "," + tail);
				case 12 -> raw(event, "number too long", head + "\"big\":1" + "0".repeat(100) + "," + tail);
				case 13 -> {
					byte[] bytes = event.value();
					byte[] withBom = new byte[bytes.length + 3];
					withBom[0] = (byte) 0xEF;
					withBom[1] = (byte) 0xBB;
					withBom[2] = (byte) 0xBF;
					System.arraycopy(bytes, 0, withBom, 3, bytes.length);
					yield raw(event, "UTF-8 with a byte-order mark", withBom);
				}
				case 14 -> {
					String charset = OTHER_ENCODINGS[n % OTHER_ENCODINGS.length];
					yield raw(event, "in " + charset, json.getBytes(Charset.forName(charset)));
				}
				default -> raw(event, "duplicate unknown key", head + "\"dup\":1,\"dup\":2," + tail);
			};
		};
	}

	/** A record over the 1 MiB limit. */
	public Gen<GeneratedEvent> oversized(EventType type) {
		return valid(type).map((event) -> {
			String json = event.json();
			int open = json.indexOf('{') + 1;
			return raw(event, "over 1 MiB",
					json.substring(0, open) + "\"pad\":\"" + "a".repeat(1_048_577) + "\"," + json.substring(open));
		});
	}

	private static GeneratedEvent raw(GeneratedEvent event, String label, String value) {
		return raw(event, label, value.getBytes(StandardCharsets.UTF_8));
	}

	private static GeneratedEvent raw(GeneratedEvent event, String label, byte[] value) {
		return new GeneratedEvent(event.type(), label, event.content(), event.shape(), Map.of(), value,
				Expected.unreadable());
	}

	private static GeneratedEvent withOverride(GeneratedEvent event, String label, String field, Object value) {
		GeneratedEvent changed = new GeneratedEvent(event.type(), label, event.content(), event.shape(),
				overrides(field, value), null, Expected.unreadable());
		return raw(changed, label, changed.value());
	}

	/**
	 * The whole input space: mostly valid events, then invalid, unrepresentable and
	 * unreadable ones.
	 */
	public Gen<GeneratedEvent> any(EventType type) {
		List<Weighted<GeneratedEvent>> choices = new ArrayList<>();
		choices.add(weight(12, valid(type)));
		choices.add(weight(5, invalid(type)));
		choices.add(weight(1, exotic(type)));
		choices.add(weight(3, unreadable(type)));
		if (type == EventType.SESSION_LOGGED) {
			choices.add(weight(1, unknownTopicId()));
			choices.add(weight(1, neverArrivingTopicEventId()));
		}
		return frequency(choices);
	}

}
