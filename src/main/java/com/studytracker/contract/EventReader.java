package com.studytracker.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Reads untrusted records into events. Never throws: every input ends as a valid event,
 * an invalid one (with every schema violation) or an unreadable one. Plain values and
 * CloudEvents (binary or structured) end on the same path: one parse of the value, one
 * validation against the schema files, one binding.
 */
@Component
public class EventReader {

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	private final BoundedJson json;

	private final EventSchemas schemas = new EventSchemas();

	private final CloudEventReader cloudEvents;

	public EventReader(StudyTrackerProperties properties) {
		this.json = new BoundedJson(properties.limits());
		this.cloudEvents = new CloudEventReader(this.json);
	}

	/** Reads a record in whichever envelope it came. */
	public <T> Decoded<T> read(EventType type, Delivery delivery, Class<T> eventClass) {
		if (delivery.envelope() == Envelope.PLAIN) {
			return read(type, delivery.value(), eventClass);
		}
		CloudEventReader.Opened opened = this.cloudEvents.open(type, delivery);
		if (opened instanceof CloudEventReader.Opened.Unreadable unreadable) {
			return new Decoded.Unreadable<>(unreadable.problem());
		}
		CloudEventReader.Opened.Event event = (CloudEventReader.Opened.Event) opened;
		if (event.body() == null) {
			return new Decoded.Invalid<>(event.id(), event.violations());
		}
		return decode(type, event.id(), event.body(), event.violations(), eventClass);
	}

	/** Reads a plain v1 JSON value. */
	public <T> Decoded<T> read(EventType type, byte[] value, Class<T> eventClass) {
		BoundedJson.Parsed parsed = this.json.parse(value);
		if (parsed.problem() != null) {
			return new Decoded.Unreadable<>(parsed.problem());
		}
		UUID eventId = uuid(parsed.tree().get("eventId"));
		if (eventId == null) {
			return new Decoded.Unreadable<>("no valid eventId (a UUID string) at /eventId");
		}
		return decode(type, eventId, parsed.tree(), List.of(), eventClass);
	}

	/**
	 * Validates the event against its schema (after any violations found before) and
	 * binds it.
	 */
	private <T> Decoded<T> decode(EventType type, UUID eventId, ObjectNode tree, List<Violation> before,
			Class<T> eventClass) {
		List<Violation> violations = this.schemas.validate(type, tree);
		if (!before.isEmpty()) {
			List<Violation> all = new ArrayList<>(before);
			all.addAll(violations);
			violations = all;
		}
		if (!violations.isEmpty()) {
			return new Decoded.Invalid<>(eventId, violations);
		}
		T event;
		try {
			event = this.json.mapper().treeToValue(tree, eventClass);
		}
		catch (DatabindException ex) {
			// The schema let it through, Java's types did not (e.g. a leap second).
			return new Decoded.Invalid<>(eventId, List.of(unrepresentable(ex)));
		}
		catch (JacksonException | IllegalArgumentException | java.time.DateTimeException ex) {
			return new Decoded.Invalid<>(eventId, List.of(new Violation("", "cannot be represented")));
		}
		// The schema bounds the year as written; an offset can still carry it past 9999
		// in UTC.
		if (event instanceof Event written && written.occurredAt().toInstant().isAfter(LATEST)) {
			return new Decoded.Invalid<>(eventId,
					List.of(new Violation("/occurredAt", "must be before the year 10000 in UTC")));
		}
		return new Decoded.Valid<>(event);
	}

	/** A UUID string's value, or null. */
	static UUID uuid(JsonNode node) {
		return (node != null && node.isString()) ? uuid(node.stringValue()) : null;
	}

	static UUID uuid(String text) {
		if (text == null || !UuidFormat.isUuid(text)) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Where a value valid by the schema cannot be held, in words a producer can act on
	 * (never the library's message).
	 */
	private static Violation unrepresentable(DatabindException ex) {
		StringBuilder pointer = new StringBuilder();
		ex.getPath()
			.forEach(reference -> pointer.append('/')
				.append((reference.getPropertyName() != null) ? reference.getPropertyName() : reference.getIndex()));
		String where = pointer.toString();
		if (where.equals("/occurredAt")) {
			return new Violation(where, "is an RFC 3339 date-time this service cannot hold: the offset must be within "
					+ "±18:00, the second below 60 and the fraction at most 9 digits");
		}
		return new Violation(where, "has a value this service cannot hold");
	}

}
