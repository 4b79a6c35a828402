package com.studytracker.generated;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.studytracker.contract.EventType;

/**
 * One generated input record: its contract content, how it is written (shape), any
 * defect, and what the contract promises for it.
 */
public record GeneratedEvent(EventType type, String label, Content content, Shape shape, Map<String, Object> overrides,
		byte[] rawValue, Expected expected) {

	/** Marks a field an override removes. */
	static final Object ABSENT = new Object();

	/** The contract fields; optional ones are null when not sent. */
	public record Content(String eventId, Stamp occurredAt, String name, String description, Integer topicId,
			String topicEventId, String studyDate, JsonText.Raw duration, String notes) {

		/** The stored study date: the given one, else the UTC date of occurredAt. */
		public LocalDate effectiveStudyDate() {
			return (this.studyDate != null) ? LocalDate.parse(this.studyDate)
					: this.occurredAt.stored().atOffset(ZoneOffset.UTC).toLocalDate();
		}

		public int durationValue() {
			return new java.math.BigDecimal(this.duration.text()).intValueExact();
		}

	}

	/**
	 * How the fields are written: optional fields as null or left out, unknown fields,
	 * and the seed for key order, whitespace and escapes.
	 */
	public record Shape(boolean nullsForAbsent, Map<String, Object> unknownFields, long seed) {
	}

	public UUID eventId() {
		String text = this.content.eventId();
		try {
			return (text != null) ? UUID.fromString(text) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The canonical (lowercase) eventId, as confirmations echo it. */
	public String canonicalEventId() {
		return (this.content.eventId() != null) ? this.content.eventId().toLowerCase(Locale.ROOT) : null;
	}

	public byte[] value() {
		return (this.rawValue != null) ? this.rawValue : json().getBytes(StandardCharsets.UTF_8);
	}

	public String json() {
		if (this.rawValue != null) {
			return new String(this.rawValue, StandardCharsets.UTF_8);
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		putRequired(fields, "eventId", this.content.eventId());
		putRequired(fields, "occurredAt",
				(this.content.occurredAt() != null) ? this.content.occurredAt().text() : null);
		if (this.type == EventType.TOPIC_CREATED) {
			putRequired(fields, "name", this.content.name());
			putOptional(fields, "description", this.content.description());
		}
		else {
			putOptional(fields, "topicId", this.content.topicId());
			putOptional(fields, "topicEventId", this.content.topicEventId());
			putOptional(fields, "studyDate", this.content.studyDate());
			putRequired(fields, "durationMinutes", this.content.duration());
			putOptional(fields, "notes", this.content.notes());
		}
		fields.putAll(this.shape.unknownFields());
		this.overrides.forEach((key, value) -> {
			if (value == ABSENT) {
				fields.remove(key);
			}
			else {
				fields.put(key, value);
			}
		});
		return JsonText.object(new ArrayList<>(fields.entrySet()), new Random(this.shape.seed()));
	}

	private static void putRequired(Map<String, Object> fields, String key, Object value) {
		if (value != null) {
			fields.put(key, value);
		}
	}

	private void putOptional(Map<String, Object> fields, String key, Object value) {
		if (value != null || this.shape.nullsForAbsent()) {
			fields.put(key, value);
		}
	}

	/**
	 * The same event written differently: eventId in another case, occurredAt at another
	 * offset and other digits beyond the microsecond, null and absent swapped, other
	 * unknown fields, order, whitespace and escapes. Same content after parsing, so the
	 * same confirmation is due.
	 */
	public GeneratedEvent rewritten(Random random) {
		Content c = this.content;
		String eventId = switch (random.nextInt(3)) {
			case 0 -> c.eventId().toUpperCase(Locale.ROOT);
			case 1 -> c.eventId().toLowerCase(Locale.ROOT);
			default -> c.eventId();
		};
		Stamp occurredAt = parse(c.occurredAt().equivalent(random));
		Content rewritten = new Content(eventId, occurredAt, c.name(), c.description(), c.topicId(),
				(c.topicEventId() != null) ? flipCase(c.topicEventId(), random) : null, c.studyDate(), c.duration(),
				c.notes());
		Map<String, Object> unknown = random.nextBoolean() ? Map.of()
				: Map.of("resent", true, "Name", List.of(1, "x", Map.of()));
		return new GeneratedEvent(this.type, this.label + " (rewritten)", rewritten,
				new Shape(!this.shape.nullsForAbsent(), unknown, random.nextLong()), this.overrides, null,
				this.expected);
	}

	/** The same eventId with other content: EVENT_ID_CONFLICT is due. */
	public GeneratedEvent conflicting(Random random) {
		Content c = this.content;
		Content changed = (this.type == EventType.TOPIC_CREATED)
				? new Content(c.eventId(), c.occurredAt(), "Conflicting topic", c.description(), null, null, null, null,
						null)
				: new Content(c.eventId(), c.occurredAt(), null, null, c.topicId(), c.topicEventId(), c.studyDate(),
						new JsonText.Raw(Integer.toString(c.durationValue() % 1440 + 1)), c.notes());
		return new GeneratedEvent(this.type, this.label + " (conflicting)", changed,
				new Shape(this.shape.nullsForAbsent(), Map.of(), random.nextLong()), this.overrides, null,
				this.expected);
	}

	private static String flipCase(String text, Random random) {
		return random.nextBoolean() ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
	}

	private static Stamp parse(String text) {
		// yyyy-MM-ddTHH:mm:ss[.f]offset
		int offsetStart = Math.max(text.lastIndexOf('+'),
				Math.max(text.lastIndexOf('-'), Math.max(text.lastIndexOf('Z'), text.lastIndexOf('z'))));
		if (offsetStart < 19) {
			offsetStart = text.length() - 1;
		}
		String fraction = (text.charAt(19) == '.') ? text.substring(20, offsetStart) : "";
		return new Stamp(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
				Integer.parseInt(text.substring(8, 10)), Integer.parseInt(text.substring(11, 13)),
				Integer.parseInt(text.substring(14, 16)), Integer.parseInt(text.substring(17, 19)), fraction,
				text.charAt(10), text.substring(offsetStart));
	}

	/** A short description for reports. */
	public String describe() {
		String described = this.type + " " + this.label + ": " + JsonText.visible(json(), 600);
		byte[] value = value();
		if (!java.util.Arrays.equals(json().getBytes(StandardCharsets.UTF_8), value)) {
			StringBuilder hex = new StringBuilder();
			for (int i = 0; i < Math.min(value.length, 300); i++) {
				hex.append(String.format("%02x", value[i] & 0xFF));
			}
			described += " [not UTF-8; bytes: " + hex + ((value.length > 300) ? "...]" : "]");
		}
		return described;
	}

}
