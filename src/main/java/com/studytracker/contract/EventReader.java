package com.studytracker.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads untrusted record values into events. Never throws: every input ends as a valid
 * event, an invalid one (with every schema violation) or an unreadable one. Parsing is
 * bounded (size, nesting, number length) so a parser bomb fails fast without exhausting
 * memory.
 */
@Component
public class EventReader {

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	private final JsonMapper mapper;

	private final EventSchemas schemas = new EventSchemas();

	private final int maxEventBytes;

	public EventReader(StudyTrackerProperties properties) {
		StudyTrackerProperties.Limits limits = properties.limits();
		this.maxEventBytes = limits.maxEventBytes();
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxDocumentLength(limits.maxEventBytes())
				.maxStringLength(limits.maxEventBytes())
				.maxNestingDepth(limits.maxNestingDepth())
				.maxNumberLength(limits.maxNumberLength())
				.maxNameLength(1000)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
		this.mapper = JsonMapper.builder(factory)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	public <T> Decoded<T> read(EventType type, byte[] value, Class<T> eventClass) {
		if (value == null || value.length == 0) {
			return new Decoded.Unreadable<>("empty record value");
		}
		if (value.length > this.maxEventBytes) {
			return new Decoded.Unreadable<>(
					"record value is " + value.length + " bytes, more than the limit of " + this.maxEventBytes);
		}
		String encoding = Utf8.problem(value);
		if (encoding != null) {
			return new Decoded.Unreadable<>(encoding);
		}
		JsonNode tree;
		try {
			tree = this.mapper.readTree(value);
		}
		catch (StreamConstraintsException ex) {
			// About a limit (size, nesting, number length): says nothing of the content.
			return new Decoded.Unreadable<>("exceeds a parsing limit: " + firstLine(ex.getOriginalMessage()));
		}
		catch (JacksonException ex) {
			// Where, not what: the parser's message may quote the record's content.
			TokenStreamLocation at = ex.getLocation();
			return new Decoded.Unreadable<>("not valid JSON"
					+ ((at != null) ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : ""));
		}
		catch (IllegalArgumentException ex) {
			return new Decoded.Unreadable<>("not valid JSON");
		}
		if (tree == null || !tree.isObject()) {
			return new Decoded.Unreadable<>("not a JSON object");
		}
		UUID eventId = eventId(tree);
		if (eventId == null) {
			return new Decoded.Unreadable<>("no valid eventId (a UUID string) at /eventId");
		}
		List<Violation> violations = this.schemas.validate(type, tree);
		if (!violations.isEmpty()) {
			return new Decoded.Invalid<>(eventId, violations);
		}
		T event;
		try {
			event = this.mapper.treeToValue(tree, eventClass);
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

	private static UUID eventId(JsonNode tree) {
		JsonNode node = tree.get("eventId");
		if (node == null || !node.isString()) {
			return null;
		}
		String text = node.stringValue();
		if (!UuidFormat.isUuid(text)) {
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

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		String line = (newline < 0) ? message : message.substring(0, newline);
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}
