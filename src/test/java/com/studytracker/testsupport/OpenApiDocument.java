package com.studytracker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/**
 * schemas/openapi.yaml as the tests read it: its operations (path, method, query
 * parameters, body) and a check of an HTTP response against the schema it declares for
 * that status and media type. OpenAPI 3.1 schemas are JSON Schema 2020-12; formats (uuid,
 * date, date-time) are asserted.
 */
public final class OpenApiDocument {

	private static final String IRI = "https://studytracker.dev/schemas/openapi.yaml";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final OpenApiDocument INSTANCE = new OpenApiDocument();

	private final String text;

	private final JsonNode document;

	private final SchemaRegistry schemas;

	private OpenApiDocument() {
		try (InputStream in = new ClassPathResource("schemas/openapi.yaml").getInputStream()) {
			this.text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.document = YAMLMapper.builder().build().readTree(this.text);
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(config)
					.schemas(Map.of(IRI, JSON.writeValueAsString(this.document))));
	}

	public static OpenApiDocument get() {
		return INSTANCE;
	}

	public String text() {
		return this.text;
	}

	public JsonNode tree() {
		return this.document;
	}

	/**
	 * Every operation as {@code "GET /topics/{id}/sessions ?cursor,from,limit,to"} (plus
	 * {@code " +body"} with a request body), sorted.
	 */
	public List<String> operations() {
		List<String> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				TreeSet<String> query = new TreeSet<>();
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					JsonNode resolved = resolve(parameter);
					if (resolved.get("in").asString().equals("query")) {
						query.add(resolved.get("name").asString());
					}
				}
				operations
					.add(signature(operation.getKey(), path.getKey(), query, operation.getValue().has("requestBody")));
			}
		}
		return operations.stream().sorted().toList();
	}

	public static String signature(String method, String path, Iterable<String> query, boolean body) {
		return method.toUpperCase() + " " + path + " ?" + String.join(",", query) + (body ? " +body" : "");
	}

	/**
	 * What is wrong with this response according to the document: an undocumented status
	 * or media type, or the errors of its body against the declared schema.
	 */
	public List<String> problemsWith(String method, String path, int status, MediaType contentType, byte[] body) {
		JsonNode operation = operation(method, path);
		if (operation == null) {
			return List.of("no operation " + method + " " + path);
		}
		JsonNode response = resolve(operation.path("responses").path(String.valueOf(status)));
		if (response.isMissingNode()) {
			return List.of(method + " " + path + ": status " + status + " is not documented");
		}
		String mediaType = (contentType != null) ? contentType.getType() + "/" + contentType.getSubtype() : "";
		JsonNode content = response.path("content").path(mediaType);
		if (content.isMissingNode()) {
			return List.of(method + " " + path + " " + status + ": media type '" + mediaType + "' is not documented");
		}
		if (mediaType.equals("application/yaml")) {
			return new String(body, java.nio.charset.StandardCharsets.UTF_8).equals(this.text) ? List.of()
					: List.of("the served document is not schemas/openapi.yaml");
		}
		String ref = content.path("schema").path("$ref").asString("");
		if (!ref.startsWith("#/components/schemas/")) {
			return List.of(method + " " + path + " " + status + ": schema must be a $ref to #/components/schemas");
		}
		return errors(ref, JSON.readTree(body));
	}

	/** The errors of a JSON value against {@code #/components/schemas/...}. */
	public List<String> errors(String ref, JsonNode value) {
		Schema schema = this.schemas.getSchema(SchemaLocation.of(IRI + ref));
		return schema.validate(value).stream().map((error) -> ref + ": " + error).toList();
	}

	private JsonNode operation(String method, String path) {
		for (Map.Entry<String, JsonNode> candidate : this.document.get("paths").properties()) {
			String pattern = candidate.getKey().replaceAll("\\{[^/]+}", "[^/]+");
			JsonNode operation = candidate.getValue().get(method.toLowerCase());
			if (operation != null && path.matches(pattern)) {
				return operation;
			}
		}
		return null;
	}

	private JsonNode resolve(JsonNode node) {
		JsonNode resolved = node;
		while (resolved.has("$ref")) {
			resolved = this.document.at(resolved.get("$ref").asString().substring(1));
		}
		return resolved;
	}

}
