package com.studytracker.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * schemas/asyncapi.yaml cannot drift: it is a valid AsyncAPI 3.0.0 document (checked
 * against the official JSON Schema, vendored in src/test/resources/asyncapi), its
 * examples match their schemas (the events also pass the service's own validator), and
 * its topics, consumer group, partitions, servers and headers are the ones the service
 * uses and writes.
 */
class AsyncApiDocumentTest {

	/** Where the published schemas live: their $id is under it. */
	private static final String BASE = "https://studytracker.dev/schemas/";

	private static final String DOCUMENT_IRI = BASE + "asyncapi.yaml";

	private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

	private static final YAMLMapper yaml = YAMLMapper.builder().build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static JsonNode document;

	private static SchemaRegistry documentSchemas;

	@BeforeAll
	static void load() {
		document = readYaml(new ClassPathResource("schemas/asyncapi.yaml"));
		// The document and the schema files it references, by the IRIs a tool resolves
		// them to: "./topic-created.schema.json" next to the document is the file's $id.
		Map<String, String> resources = new HashMap<>();
		resources.put(DOCUMENT_IRI, json.writeValueAsString(document));
		for (String file : List.of("topic-created.schema.json", "session-logged.schema.json",
				"confirmation.schema.json")) {
			resources.put(BASE + file, classpathText("schemas/" + file));
		}
		// The service's own settings: draft-07, format assertions on, its uuid format.
		SchemaRegistryConfig config = SchemaRegistryConfig.builder()
			.formatAssertionsEnabled(true)
			.errorMessageKeyword("message")
			.build();
		Dialect dialect = Dialect.builder(Dialects.getDraft7()).format(new UuidFormat()).build();
		documentSchemas = SchemaRegistry.withDefaultDialect(dialect,
				builder -> builder.schemaRegistryConfig(config).schemas(resources));
	}

	@Test
	void isAValidAsyncApi300Document() {
		Schema asyncApi = asyncApiSpecification();

		assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
		assertThat(messages(asyncApi.validate(document))).isEmpty();
	}

	@Test
	void theAsyncApiCheckCatchesMistakes() {
		Schema asyncApi = asyncApiSpecification();
		JsonNode broken = document.deepCopy();
		((ObjectNode) broken.get("operations").get("receiveTopicCreated")).put("action", "consume");
		((ObjectNode) broken.get("components").get("correlationIds").get("eventId")).put("location", "payload.eventId");

		assertThat(messages(asyncApi.validate(broken))).isNotEmpty();
	}

	@Test
	void schemasAreDraft07AsTheDocumentSays() {
		for (Map.Entry<String, JsonNode> message : document.get("components").get("messages").properties()) {
			JsonNode payload = message.getValue().get("payload");
			if (payload.has("schemaFormat")) {
				assertThat(payload.get("schemaFormat").asString()).as(message.getKey())
					.isEqualTo("application/schema+json;version=draft-07");
				String file = payload.get("schema").get("$ref").asString().replaceFirst("^\\./", "");
				JsonNode schema = readJson(new ClassPathResource("schemas/" + file));
				assertThat(schema.get("$schema").asString()).as(file).isEqualTo(DRAFT_07);
				assertThat(schema.get("$id").asString()).as(file).isEqualTo(BASE + file);
			}
		}
	}

	@Test
	void everyExampleMatchesItsSchemas() {
		EventSchemas service = new EventSchemas();
		int examples = 0;
		for (Map.Entry<String, JsonNode> entry : document.get("components").get("messages").properties()) {
			String name = entry.getKey();
			JsonNode message = entry.getValue();
			assertThat(message.path("examples").size()).as("examples of " + name).isPositive();
			String pointer = "#/components/messages/" + name;
			Schema payload = schemaAt(
					pointer + (message.get("payload").has("schemaFormat") ? "/payload/schema" : "/payload"));
			Schema headers = schemaAt(pointer + "/headers");
			for (JsonNode example : message.get("examples")) {
				String what = name + " example " + example.get("name").asString();
				examples++;
				if (example.has("payload")) {
					assertThat(messages(payload.validate(example.get("payload")))).as(what).isEmpty();
				}
				if (example.has("headers")) {
					assertThat(messages(headers.validate(example.get("headers")))).as(what).isEmpty();
				}
				EventType type = switch (name) {
					case "topicCreated", "topicCreatedBinary", "topicCreatedStructured" -> EventType.TOPIC_CREATED;
					case "sessionLogged", "sessionLoggedBinary", "sessionLoggedStructured" -> EventType.SESSION_LOGGED;
					default -> null;
				};
				if (name.equals("topicCreated") || name.equals("sessionLogged")) {
					assertThat(service.validate(type, example.get("payload"))).as(what + " (service)").isEmpty();
				}
				else if (type != null) {
					// A CloudEvent example, read as the service reads the record.
					assertThat(readAsTheServiceDoes(type, example)).as(what + " (service)")
						.isInstanceOf(Decoded.Valid.class);
				}
			}
		}
		assertThat(examples).isGreaterThanOrEqualTo(10);
	}

	@Test
	void theExampleChecksCatchMistakes() {
		Schema confirmation = schemaAt("#/components/messages/confirmation/payload/schema");
		Schema deadLetterHeaders = schemaAt("#/components/messages/deadLetter/headers");

		assertThat(messages(confirmation.validate(json.readTree(
				"{\"eventId\":\"6329c1a4-5b0e-4f4e-9d3b-7f2a1c8e12a1\",\"status\":\"REJECTED\",\"processedAt\":\"2026-11-27T03:39:22Z\"}"))))
			.isNotEmpty();
		assertThat(messages(confirmation.validate(json.readTree(
				"{\"eventId\":\"not-a-uuid\",\"status\":\"ACCEPTED\",\"topicId\":1,\"processedAt\":\"2026-11-27T03:39:22Z\"}"))))
			.isNotEmpty();
		assertThat(messages(deadLetterHeaders.validate(json.readTree(
				"{\"kafka_dlt-original-topic\":\"t\",\"kafka_dlt-original-consumer-group\":\"studytracker\",\"kafka_dlt-exception-fqcn\":\"com.studytracker.RejectedByContract\",\"kafka_dlt-exception-message\":\"x\",\"studytracker-rejection-code\":\"LOST\"}"))))
			.isNotEmpty();
	}

	@Test
	void confirmationsAreRepliesCorrelatedByEventId() {
		Map<String, String> confirmationsOf = new HashMap<>();
		for (JsonNode stream : configuration().get("streams")) {
			confirmationsOf.put(stream.get("input").asString(), stream.get("confirmations").asString());
		}
		List<String> receives = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : document.get("operations").properties()) {
			JsonNode operation = entry.getValue();
			if (!"receive".equals(operation.get("action").asString())) {
				continue;
			}
			receives.add(entry.getKey());
			String input = resolve(operation.get("channel")).get("address").asString();
			JsonNode reply = operation.get("reply");
			assertThat(reply).as(entry.getKey() + " has a reply").isNotNull();
			assertThat(resolve(reply.get("channel")).get("address").asString()).as(entry.getKey())
				.isEqualTo(confirmationsOf.get(input));
			// Plain, binary and structured: each input's reply is a confirmation in its
			// mode,
			// each correlated by where that mode carries the eventId.
			assertThat(reply.get("messages")).hasSize(3);
			assertThat(operation.get("messages")).hasSize(3);
			List<String> replyLocations = new ArrayList<>();
			List<String> inputLocations = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				replyLocations.add(
						resolve(resolve(reply.get("messages").get(i)).get("correlationId")).get("location").asString());
				inputLocations
					.add(resolve(resolve(operation.get("messages").get(i)).get("correlationId")).get("location")
						.asString());
			}
			assertThat(resolve(reply.get("messages").get(0)).get("name").asString()).isEqualTo("Confirmation");
			assertThat(replyLocations).containsExactly("$message.payload#/eventId", "$message.payload#/eventId",
					"$message.payload#/subject");
			assertThat(inputLocations).containsExactly("$message.payload#/eventId", "$message.header#/ce_id",
					"$message.payload#/id");
		}
		assertThat(receives).containsExactlyInAnyOrder("receiveTopicCreated", "receiveSessionLogged");
	}

	@Test
	void topicsGroupPartitionsAndServersAreTheConfiguredOnes() throws IOException {
		JsonNode configuration = configuration();
		Set<String> configured = new TreeSet<>();
		for (JsonNode stream : configuration.get("streams")) {
			stream.forEach((topic) -> configured.add(topic.asString()));
		}
		Set<String> documented = new TreeSet<>();
		int partitions = configuration.get("kafka").get("partitions").asInt();
		for (Map.Entry<String, JsonNode> channel : document.get("channels").properties()) {
			documented.add(channel.getValue().get("address").asString());
			assertThat(channel.getValue().at("/bindings/kafka/partitions").asInt()).as(channel.getKey())
				.isEqualTo(partitions);
			if (channel.getValue().get("address").asString().endsWith(".dlt")) {
				assertThat(channel.getValue().at("/bindings/kafka/topicConfiguration/max.message.bytes").asInt())
					.isEqualTo(staticInt("com.studytracker.messaging.StreamDeclarations", "DEAD_LETTER_MAX_BYTES"));
			}
		}
		assertThat(documented).isEqualTo(configured);

		String groupId = configuration.get("kafka").get("group-id").asString();
		for (JsonNode operation : document.get("operations")) {
			if ("receive".equals(operation.get("action").asString())) {
				assertThat(operation.at("/bindings/kafka/groupId/enum")).singleElement()
					.extracting(JsonNode::asString)
					.isEqualTo(groupId);
			}
		}
		assertThat(
				document.at("/components/schemas/deadLetterHeaders/properties/kafka_dlt-original-consumer-group/const")
					.asString())
			.isEqualTo(groupId);

		String bootstrap = readYaml(new ClassPathResource("application.yml")).at("/spring/kafka/bootstrap-servers")
			.asString();
		assertThat(bootstrap)
			.isEqualTo("${KAFKA_BOOTSTRAP_SERVERS:" + document.at("/servers/local/host").asString() + "}");
		JsonNode compose = yaml.readTree(Files.readString(Path.of("docker-compose.yml")));
		assertThat(compose.at("/services/app/environment/KAFKA_BOOTSTRAP_SERVERS").asString())
			.isEqualTo(document.at("/servers/compose/host").asString());
	}

	@Test
	void everyHeaderTheServiceWritesIsDocumented() throws IOException {
		Set<String> input = headerNames("inputHeaders");
		Set<String> confirmation = headerNames("confirmationHeaders");
		Set<String> deadLetter = headerNames("deadLetterHeaders");

		// W3C Trace Context: what the propagator writes onto confirmations and dead
		// letters.
		Set<String> trace = Set.copyOf(W3CTraceContextPropagator.getInstance().fields());
		assertThat(trace).containsExactlyInAnyOrder("traceparent", "tracestate");
		assertThat(confirmation).containsAll(trace);
		assertThat(deadLetter).containsAll(trace);
		assertThat(input).containsAll(trace);

		// Dead letters and confirmations are written in messaging: every header-name
		// constant of its classes and every kafka_dlt-* KafkaHeaders constant its sources
		// use.
		Set<String> written = headerNamesIn("messaging");
		assertThat(written).contains(KafkaHeaders.DLT_ORIGINAL_TOPIC, KafkaHeaders.DLT_ORIGINAL_PARTITION,
				KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
				KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, KafkaHeaders.DLT_EXCEPTION_FQCN,
				KafkaHeaders.DLT_EXCEPTION_MESSAGE, "studytracker-rejection-code", "studytracker-value-omitted-bytes",
				"traceparent");
		assertThat(deadLetter).containsAll(written);

		// Redrive: the headers the redrive command writes onto the redriven record (and
		// that a dead letter of it keeps); every other header it names is a dead-letter
		// one.
		Set<String> redrive = headerNamesIn("redrive");
		Set<String> redriveWrites = new TreeSet<>(redrive);
		redriveWrites.removeIf((name) -> !name.startsWith("studytracker-redrive"));
		assertThat(redriveWrites).containsExactlyInAnyOrder("studytracker-redrive-count", "studytracker-redriven-at",
				"studytracker-redriven-from");
		assertThat(input).containsAll(redriveWrites);
		assertThat(deadLetter).containsAll(redrive);
	}

	@Test
	void everyCloudEventsHeaderIsDocumented() {
		assertThat(headerNames("binaryInputHeaders")).contains(CloudEvents.ID, CloudEvents.SOURCE,
				CloudEvents.SPECVERSION, CloudEvents.TYPE, CloudEvents.TIME, CloudEvents.CONTENT_TYPE);
		assertThat(headerNames("structuredInputHeaders")).contains(CloudEvents.CONTENT_TYPE);
		// What CloudEventConfirmations writes on a binary confirmation.
		assertThat(headerNames("confirmationBinaryHeaders")).contains(CloudEvents.ID, CloudEvents.SOURCE,
				CloudEvents.SPECVERSION, CloudEvents.TYPE, CloudEvents.TIME, CloudEvents.SUBJECT,
				CloudEvents.CONTENT_TYPE);
		assertThat(document.at("/components/schemas/confirmationBinaryHeaders/properties/ce_type/const").asString())
			.isEqualTo(CloudEvents.CONFIRMATION_TYPE);
		assertThat(document.at("/components/schemas/confirmationStructuredHeaders/properties/content-type/const")
			.asString()).isEqualTo(CloudEvents.STRUCTURED_JSON);
		List<String> types = new ArrayList<>();
		document.at("/components/schemas/binaryInputHeaders/properties/ce_type/enum")
			.forEach(type -> types.add(type.asString()));
		assertThat(types).containsExactly(CloudEvents.typeOf(EventType.TOPIC_CREATED),
				CloudEvents.typeOf(EventType.SESSION_LOGGED));
	}

	private static Decoded<?> readAsTheServiceDoes(EventType type, JsonNode example) {
		List<Delivery.Header> headers = new ArrayList<>();
		example.get("headers")
			.properties()
			.forEach(header -> headers.add(new Delivery.Header(header.getKey(),
					header.getValue().asString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		byte[] value = json.writeValueAsBytes(example.get("payload"));
		EventReader reader = new EventReader(new com.studytracker.StudyTrackerProperties(null, null,
				new com.studytracker.StudyTrackerProperties.Limits(1_048_576, 32, 100), null, null, null, null));
		Class<?> eventClass = (type == EventType.TOPIC_CREATED) ? com.studytracker.topic.TopicCreated.class
				: com.studytracker.session.SessionLogged.class;
		return reader.read(type, new Delivery("in", 0, 0, 0, null, value, headers), eventClass);
	}

	/**
	 * The header names a main package names: its classes' String constants that look like
	 * header names and the kafka_dlt-* KafkaHeaders constants its sources use.
	 */
	private static Set<String> headerNamesIn(String module) throws IOException {
		Set<String> names = new TreeSet<>();
		Path sources = Path.of("src/main/java/com/studytracker", module);
		List<Path> files;
		try (var listing = Files.list(sources)) {
			files = listing.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
		assertThat(files).as(sources.toString()).isNotEmpty();
		for (Path file : files) {
			String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
			names.addAll(headerConstants("com.studytracker." + module + "." + simpleName));
			names.addAll(kafkaDeadLetterHeadersUsedBy(file));
		}
		return names;
	}

	/**
	 * The official AsyncAPI 3.0.0 JSON Schema. The bundled file embeds every definition
	 * under its $id: each is served from memory, so nothing is fetched from asyncapi.com
	 * (the draft-07 meta-schema comes with the validator).
	 */
	private static Schema asyncApiSpecification() {
		JsonNode specification = readJson(new ClassPathResource("asyncapi/3.0.0.json"));
		Map<String, String> definitions = new HashMap<>();
		definitions.put(specification.get("$id").asString(), json.writeValueAsString(specification));
		for (Map.Entry<String, JsonNode> definition : specification.get("definitions").properties()) {
			definitions.put(definition.getKey(), json.writeValueAsString(definition.getValue()));
		}
		return SchemaRegistry.withDefaultDialect(Dialects.getDraft7(), (builder) -> builder.schemas(definitions))
			.getSchema(SchemaLocation.of(specification.get("$id").asString()));
	}

	private static Set<String> headerNames(String schema) {
		Set<String> names = new TreeSet<>();
		document.at("/components/schemas/" + schema + "/properties").propertyNames().forEach(names::add);
		return names;
	}

	/**
	 * Values of a class's String constants that are header names: ours
	 * (studytracker-...), Spring Kafka's (kafka_dlt-...) and W3C's traceparent.
	 */
	private static Set<String> headerConstants(String className) {
		Set<String> names = new TreeSet<>();
		try {
			for (Field field : Class.forName(className).getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
					field.setAccessible(true);
					String value = (String) field.get(null);
					if (value.matches("(studytracker-|kafka_dlt-)[a-z-]+|traceparent|tracestate")) {
						names.add(value);
					}
				}
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
		return names;
	}

	/** The kafka_dlt-* KafkaHeaders.X constants a main source file names. */
	private static Set<String> kafkaDeadLetterHeadersUsedBy(Path source) throws IOException {
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("KafkaHeaders\\.([A-Z_]+)").matcher(Files.readString(source));
		try {
			while (matcher.find()) {
				Object value = KafkaHeaders.class.getField(matcher.group(1)).get(null);
				if (value instanceof String name && name.startsWith("kafka_dlt-")) {
					names.add(name);
				}
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
		return names;
	}

	private static int staticInt(String className, String name) {
		try {
			Field field = Class.forName(className).getDeclaredField(name);
			field.setAccessible(true);
			return field.getInt(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode configuration() {
		return readYaml(new ClassPathResource("application.yml")).get("studytracker");
	}

	private static Schema schemaAt(String pointer) {
		return documentSchemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + pointer));
	}

	/** Follows a local reference ({@code $ref: '#/...'}) in the document. */
	private static JsonNode resolve(JsonNode node) {
		JsonNode resolved = node;
		while (resolved.has("$ref")) {
			resolved = document.at(resolved.get("$ref").asString().substring(1));
			assertThat(resolved.isMissingNode()).as(node.toString()).isFalse();
		}
		return resolved;
	}

	private static List<String> messages(List<Error> errors) {
		Map<String, String> messages = new LinkedHashMap<>();
		errors.forEach((error) -> messages.put(error.toString(), error.getEvaluationPath().toString()));
		return messages.entrySet().stream().map((entry) -> entry.getKey() + " (" + entry.getValue() + ")").toList();
	}

	private static JsonNode readYaml(ClassPathResource resource) {
		try (InputStream in = resource.getInputStream()) {
			return yaml.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode readJson(ClassPathResource resource) {
		try (InputStream in = resource.getInputStream()) {
			return json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String classpathText(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
