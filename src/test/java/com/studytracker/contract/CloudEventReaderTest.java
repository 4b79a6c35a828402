package com.studytracker.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.CloudEventAttributes.Name;
import com.studytracker.session.SessionLogged;
import com.studytracker.topic.TopicCreated;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudEvents mapping without Kafka: the spec's own examples, then our rules. */
class CloudEventReaderTest {

	private static final String TOPIC_TYPE = "studytracker.topic-created.v1";

	private final EventReader reader = new EventReader(new StudyTrackerProperties(null, null,
			new StudyTrackerProperties.Limits(1_048_576, 32, 100), null, null, null, null));

	@Test
	void theJsonFormatSpecExampleWithJsonDataParsesIntoItsAttributes() throws IOException {
		ObjectNode example = (ObjectNode) JsonMapper.builder()
			.build()
			.readTree(resource("json-format-example-json-data.json"));
		CloudEventAttributes attributes = CloudEventAttributes.fromStructured(example);

		assertThat(attributes.problems()).isEmpty();
		assertThat(attributes.get(Name.SPECVERSION)).isEqualTo("1.0");
		assertThat(attributes.get(Name.ID)).isEqualTo("C234-1234-1234");
		assertThat(attributes.get(Name.TYPE)).isEqualTo("com.example.someevent");
		assertThat(attributes.get(Name.SOURCE)).isEqualTo("/mycontext");
		assertThat(attributes.get(Name.TIME)).isEqualTo("2018-04-05T17:31:00Z");
		assertThat(attributes.get(Name.DATACONTENTTYPE)).isEqualTo("application/json");
	}

	@Test
	void theSpecExamplesAreNotStudyTrackerEventsBecauseTheirIdsAreNotUuids() throws IOException {
		for (String example : List.of("json-format-example-json-data.json", "json-format-example-xml-data.json")) {
			assertThat(read(structured(resource(example)), TopicCreated.class))
				.isEqualTo(new Decoded.Unreadable<>("no valid CloudEvents id (a UUID string) at /id"));
		}
	}

	@Test
	void theKafkaBindingBinaryExampleParsesIntoItsAttributes() throws IOException {
		CloudEventAttributes attributes = CloudEventAttributes.fromHeaders(specBinaryHeaders());

		assertThat(attributes.get(Name.SPECVERSION)).isEqualTo("1.0");
		assertThat(attributes.get(Name.TYPE)).isEqualTo("com.example.someevent");
		assertThat(attributes.get(Name.SOURCE)).isEqualTo("/mycontext/subcontext");
		assertThat(attributes.get(Name.ID)).isEqualTo("1234-1234-1234");
		assertThat(attributes.get(Name.TIME)).isEqualTo("2018-04-05T03:56:24Z");
		assertThat(attributes.get(Name.DATACONTENTTYPE)).isEqualTo("application/avro");
		assertThat(Envelope.of(specBinaryHeaders())).isEqualTo(Envelope.BINARY);
	}

	@Test
	void theJsonFormatSpecExampleWithOurIdTypeAndDataIsATopicCreated() throws IOException {
		UUID id = UUID.randomUUID();
		String example = resource("json-format-example-json-data.json").replace("C234-1234-1234", id.toString())
			.replace("com.example.someevent", TOPIC_TYPE)
			.replace("\"appinfoA\" : \"abc\"", "\"name\" : \"Spec algebra\"");

		Decoded<TopicCreated> decoded = read(structured(example), TopicCreated.class);

		assertThat(decoded).isEqualTo(new Decoded.Valid<>(
				new TopicCreated(id, OffsetDateTime.parse("2018-04-05T17:31:00Z"), "Spec algebra", null)));
	}

	@Test
	void aBinaryBodyWithoutEventIdAndOccurredAtTakesThemFromIdAndTime() {
		UUID id = UUID.randomUUID();
		Decoded<TopicCreated> decoded = read(binary(id, TOPIC_TYPE, "{\"name\":\"Binary\"}"), TopicCreated.class);

		assertThat(decoded).isEqualTo(new Decoded.Valid<>(
				new TopicCreated(id, OffsetDateTime.parse("2026-11-25T09:30:00Z"), "Binary", null)));
	}

	@Test
	void aBodyRepeatingEventIdAndTheSameInstantIsAccepted() {
		UUID id = UUID.randomUUID();
		String body = "{\"eventId\":\"" + id.toString().toUpperCase()
				+ "\",\"occurredAt\":\"2026-11-25T10:30:00.0000001+01:00\",\"name\":\"Same\"}";
		assertThat(read(binary(id, TOPIC_TYPE, body), TopicCreated.class)).isInstanceOf(Decoded.Valid.class);
	}

	@Test
	void anEventIdThatDiffersFromTheIdIsInvalidAtEventId() {
		UUID id = UUID.randomUUID();
		String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"name\":\"Two ids\"}";
		assertThat(violations(read(binary(id, TOPIC_TYPE, body), TopicCreated.class))).containsExactly(
				new Violation("/eventId", "must equal the CloudEvents id (ce_id or /id), which is the event's "
						+ "idempotency key, or be left out"));
	}

	@Test
	void anOccurredAtThatDiffersFromTheTimeIsInvalidAtOccurredAt() {
		String body = "{\"occurredAt\":\"2026-11-25T09:30:01Z\",\"name\":\"Two times\"}";
		assertThat(pointers(read(binary(UUID.randomUUID(), TOPIC_TYPE, body), TopicCreated.class)))
			.containsExactly("/occurredAt");
	}

	@Test
	void wrongTypeWrongSpecVersionAndNoSourceAreEachInvalid() {
		List<Delivery.Header> headers = new ArrayList<>(List.of(header("ce_id", UUID.randomUUID().toString()),
				header("ce_specversion", "0.3"), header("ce_type", "studytracker.session-logged.v1"),
				header("ce_time", "2026-11-25T09:30:00Z")));
		Delivery delivery = delivery("{\"name\":\"Wrong\"}", headers);

		assertThat(violations(read(delivery, TopicCreated.class))).containsExactly(
				new Violation("/specversion", "must be \"1.0\""),
				new Violation("/type", "must be studytracker.topic-created.v1 on this stream"),
				new Violation("/source", "is required (a non-empty URI-reference)"));
	}

	@Test
	void aSourceThatIsNotAUriReferenceIsInvalidAndTheSpecExamplesAreAccepted() {
		for (String source : List.of("https://github.com/cloudevents", "mailto:cncf-wg-serverless@lists.cncf.io",
				"urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "cloudevents/spec/pull/123",
				"/sensors/tn-1234567/alerts", "1-555-123-4567")) {
			assertThat(read(binary(source), TopicCreated.class)).as(source).isInstanceOf(Decoded.Valid.class);
		}
		for (String source : List.of("my producer", "http://a b", "100%", "/a\"b")) {
			assertThat(violations(read(binary(source), TopicCreated.class))).as(source)
				.containsExactly(new Violation("/source",
						"must be a URI-reference (RFC 3986: e.g. /my-app, urn:my-app, https://example.com/my-app)"));
		}
	}

	private static Delivery binary(String source) {
		return delivery("{\"name\":\"Linear algebra\"}",
				List.of(header("ce_id", UUID.randomUUID().toString()), header("ce_specversion", "1.0"),
						header("ce_type", "studytracker.topic-created.v1"), header("ce_source", source),
						header("ce_time", "2026-11-25T09:30:00Z"), header("content-type", "application/json")));
	}

	@Test
	void aBinaryCloudEventWithoutAUuidIdIsUnreadable() {
		assertThat(read(delivery("{}", List.of(header("ce_id", "1234-1234-1234"))), SessionLogged.class))
			.isEqualTo(new Decoded.Unreadable<>("no valid CloudEvents id (a UUID) in header ce_id"));
	}

	@Test
	void aBinaryCloudEventWithTwoDifferentIdsIsUnreadable() {
		List<Delivery.Header> headers = List.of(header("ce_id", UUID.randomUUID().toString()),
				header("ce_id", UUID.randomUUID().toString()));
		assertThat(read(delivery("{}", headers), SessionLogged.class))
			.isEqualTo(new Decoded.Unreadable<>("no valid CloudEvents id (a UUID) in header ce_id"));
	}

	@Test
	void aBinaryCloudEventWhoseValueIsNotJsonIsInvalidSinceItsIdIsKnown() {
		UUID id = UUID.randomUUID();
		assertThat(violations(read(binary(id, TOPIC_TYPE, "not json"), TopicCreated.class))).containsExactly(
				new Violation("", "the record value (the event) is unreadable: not valid JSON at line 1, column 1"));
	}

	@Test
	void aStructuredCloudEventWhoseDataIsNotAnObjectIsInvalidAtData() {
		UUID id = UUID.randomUUID();
		String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/a\",\"type\":\"" + TOPIC_TYPE
				+ "\",\"data\":\"text\"}";
		assertThat(violations(read(structured(event), TopicCreated.class)))
			.containsExactly(new Violation("/data", "must be the event as a JSON object"));
	}

	@Test
	void theBodyIsValidatedAgainstTheSameSchemaAsAPlainEvent() {
		assertThat(pointers(read(binary(UUID.randomUUID(), TOPIC_TYPE, "{\"name\":\"\"}"), TopicCreated.class)))
			.containsExactly("/name");
	}

	@Test
	void theEnvelopeFollowsTheHeaders() {
		assertThat(Envelope.of(List.of())).isEqualTo(Envelope.PLAIN);
		assertThat(Envelope.of(List.of(header("traceparent", "00-x"), header("content-type", "application/json"))))
			.isEqualTo(Envelope.PLAIN);
		assertThat(Envelope.of(List.of(header("ce_id", "x")))).isEqualTo(Envelope.BINARY);
		assertThat(Envelope.of(List.of(header("Content-Type", "Application/CloudEvents+JSON; charset=UTF-8"))))
			.isEqualTo(Envelope.STRUCTURED);
	}

	private <T> Decoded<T> read(Delivery delivery, Class<T> type) {
		EventType eventType = (type == TopicCreated.class) ? EventType.TOPIC_CREATED : EventType.SESSION_LOGGED;
		return this.reader.read(eventType, delivery, type);
	}

	private static List<Violation> violations(Decoded<?> decoded) {
		assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
		return ((Decoded.Invalid<?>) decoded).violations();
	}

	private static List<String> pointers(Decoded<?> decoded) {
		return violations(decoded).stream().map(Violation::pointer).toList();
	}

	private static Delivery binary(UUID id, String type, String body) {
		return delivery(body,
				List.of(header("ce_specversion", "1.0"), header("ce_id", id.toString()),
						header("ce_source", "/producer"), header("ce_type", type),
						header("ce_time", "2026-11-25T09:30:00Z"), header("content-type", "application/json")));
	}

	private static Delivery structured(String value) {
		return delivery(value, List.of(header("content-type", "application/cloudevents+json; charset=UTF-8")));
	}

	private static Delivery delivery(String value, List<Delivery.Header> headers) {
		return new Delivery("in", 0, 0, 0, null, value.getBytes(StandardCharsets.UTF_8), headers);
	}

	private static Delivery.Header header(String key, String value) {
		return new Delivery.Header(key, value.getBytes(StandardCharsets.UTF_8));
	}

	/** The headers of the Kafka binding's example, without the spec's display quotes. */
	private static List<Delivery.Header> specBinaryHeaders() throws IOException {
		String text = resource("kafka-binding-binary-example.txt");
		String section = text.substring(text.indexOf("headers ---"), text.indexOf("value ---"));
		List<Delivery.Header> headers = new ArrayList<>();
		for (String line : section.split("\n")) {
			int colon = line.indexOf(": ");
			if (colon > 0 && !line.startsWith(" ")) {
				String value = line.substring(colon + 2).trim();
				headers.add(header(line.substring(0, colon), value.replaceAll("^\"|\"$", "")));
			}
		}
		return headers;
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = CloudEventReaderTest.class.getResourceAsStream("/cloudevents/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
