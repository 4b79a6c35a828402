package com.studytracker.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.studytracker.contract.CloudEventAttributes.Name;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opens a CloudEvent into the v1 event it carries, for the one schema validation that
 * follows. {@code id} (a UUID) is the event's {@code eventId} and {@code time} its
 * {@code occurredAt}: the body may repeat them, equal, or leave them out. Split like the
 * plain path: no readable id ⇒ unreadable; anything else wrong ⇒ invalid with a pointer
 * (attributes at their structured member, e.g. {@code /type}, whatever the mode).
 */
final class CloudEventReader {

	private final BoundedJson json;

	CloudEventReader(BoundedJson json) {
		this.json = json;
	}

	sealed interface Opened {

		/** No readable id: dead-letter only, like a plain value without an eventId. */
		record Unreadable(String problem) implements Opened {
		}

		/**
		 * The event to validate (null if there is none to validate) and what is already
		 * known to be wrong.
		 */
		record Event(UUID id, ObjectNode body, List<Violation> violations) implements Opened {
		}

	}

	Opened open(EventType type, Delivery delivery) {
		return (delivery.envelope() == Envelope.BINARY) ? binary(type, delivery) : structured(type, delivery);
	}

	private Opened binary(EventType type, Delivery delivery) {
		CloudEventAttributes attributes = CloudEventAttributes.fromHeaders(delivery.headers());
		UUID id = EventReader.uuid(attributes.get(Name.ID));
		if (id == null) {
			return new Opened.Unreadable("no valid CloudEvents id (a UUID) in header " + CloudEvents.ID);
		}
		List<Violation> violations = check(type, attributes);
		BoundedJson.Parsed parsed = this.json.parse(delivery.value());
		if (parsed.problem() != null) {
			// The id is known: the producer gets a rejection it can look up.
			violations.add(new Violation("", "the record value (the event) is unreadable: " + parsed.problem()));
			return new Opened.Event(id, null, violations);
		}
		return merged(id, attributes, parsed.tree(), violations);
	}

	private Opened structured(EventType type, Delivery delivery) {
		String format = CloudEvents.contentType(delivery.headers());
		BoundedJson.Parsed parsed = this.json.parse(delivery.value());
		if (parsed.problem() != null) {
			return new Opened.Unreadable(parsed.problem());
		}
		ObjectNode event = parsed.tree();
		CloudEventAttributes attributes = CloudEventAttributes.fromStructured(event);
		UUID id = EventReader.uuid(attributes.get(Name.ID));
		if (id == null) {
			return new Opened.Unreadable("no valid CloudEvents id (a UUID string) at /id");
		}
		List<Violation> violations = check(type, attributes);
		if (format == null || !CloudEvents.isStructuredJson(format)) {
			violations.add(new Violation("", "header content-type must be " + CloudEvents.STRUCTURED_JSON
					+ ": no other CloudEvents format is read"));
		}
		if (event.has("data_base64")) {
			violations.add(new Violation("/data_base64", "is not read: send the event as a JSON object in data"));
		}
		JsonNode data = event.get("data");
		if (data == null || !data.isObject()) {
			violations.add(new Violation("/data", "must be the event as a JSON object"));
			return new Opened.Event(id, null, violations);
		}
		return merged(id, attributes, (ObjectNode) data, violations);
	}

	/** What the attributes must say, whatever the body. */
	private static List<Violation> check(EventType type, CloudEventAttributes attributes) {
		List<Violation> violations = new ArrayList<>(attributes.problems());
		if (!CloudEvents.SPEC_VERSION.equals(attributes.get(Name.SPECVERSION))) {
			violations.add(new Violation(Name.SPECVERSION.pointer(), "must be \"1.0\""));
		}
		String expected = CloudEvents.typeOf(type);
		if (!expected.equals(attributes.get(Name.TYPE))) {
			violations.add(new Violation(Name.TYPE.pointer(), "must be " + expected + " on this stream"));
		}
		String source = attributes.get(Name.SOURCE);
		if (source == null || source.isEmpty()) {
			violations.add(new Violation(Name.SOURCE.pointer(), "is required (a non-empty URI-reference)"));
		}
		else if (!isUriReference(source)) {
			violations.add(new Violation(Name.SOURCE.pointer(),
					"must be a URI-reference (RFC 3986: e.g. /my-app, urn:my-app, https://example.com/my-app)"));
		}
		String contentType = attributes.get(Name.DATACONTENTTYPE);
		if (contentType != null && !CloudEvents.isJson(contentType)) {
			violations.add(new Violation(Name.DATACONTENTTYPE.pointer(), "must be application/json"));
		}
		return violations;
	}

	// java.net.URI parses RFC 2396 references: spaces, unescaped quotes, brackets outside
	// a host and stray percent signs fail, as in RFC 3986.
	private static boolean isUriReference(String value) {
		try {
			new URI(value);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * The body with {@code eventId} and {@code occurredAt} from the attributes where it
	 * leaves them out; where it has them, they must equal the attributes.
	 */
	private static Opened merged(UUID id, CloudEventAttributes attributes, ObjectNode body,
			List<Violation> violations) {
		JsonNode eventId = body.get("eventId");
		if (eventId == null || eventId.isNull()) {
			body.put("eventId", attributes.get(Name.ID));
		}
		else if (!id.equals(EventReader.uuid(eventId))) {
			violations.add(new Violation("/eventId", "must equal the CloudEvents id (" + CloudEvents.ID
					+ " or /id), which is the event's idempotency key, or be left out"));
		}
		String time = attributes.get(Name.TIME);
		JsonNode occurredAt = body.get("occurredAt");
		if (occurredAt == null || occurredAt.isNull()) {
			if (time != null) {
				body.put("occurredAt", time);
			}
		}
		else if (time != null && !(occurredAt.isString() && SameInstant.at(occurredAt.stringValue(), time))) {
			violations.add(new Violation("/occurredAt", "must equal the CloudEvents time (" + CloudEvents.TIME
					+ " or /time) to the microsecond, or be left out"));
		}
		return new Opened.Event(id, body, violations);
	}

}
