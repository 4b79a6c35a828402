package com.studytracker.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ClassPathResource;

/**
 * The event contracts, loaded from the same JSON Schema files that are published in
 * {@code schemas/}. Format assertions are on ({@code uuid}, {@code date-time},
 * {@code date} are enforced), and the human-readable messages come from each schema's
 * {@code message} keyword.
 */
final class EventSchemas {

	private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

	EventSchemas() {
		SchemaRegistryConfig config = SchemaRegistryConfig.builder()
			.formatAssertionsEnabled(true)
			.errorMessageKeyword("message")
			.pathType(PathType.JSON_POINTER)
			.build();
		Dialect dialect = Dialect.builder(Dialects.getDraft7()).format(new UuidFormat()).build();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect,
				builder -> builder.schemaRegistryConfig(config));
		for (EventType type : EventType.values()) {
			try (InputStream in = new ClassPathResource("schemas/" + type.schemaFile()).getInputStream()) {
				this.schemas.put(type, registry.getSchema(in, InputFormat.JSON));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Event schema " + type.schemaFile() + " is missing from the classpath",
						ex);
			}
		}
	}

	/**
	 * Every violation of the type's schema; the common, certainly valid shape is
	 * recognised without running the validator (see {@link CertainlyValid}).
	 */
	List<Violation> validate(EventType type, JsonNode event) {
		return CertainlyValid.check(type, event) ? List.of() : validator(type, event);
	}

	/** What the schema validator alone finds. */
	List<Violation> validator(EventType type, JsonNode event) {
		List<Error> errors = this.schemas.get(type).validate(event);
		List<Violation> violations = new ArrayList<>(errors.size());
		for (Error error : errors) {
			// A failed oneOf also reports why each branch failed; its own message already
			// says it all.
			if (!"oneOf".equals(error.getKeyword()) && error.getEvaluationPath().toString().contains("oneOf")) {
				continue;
			}
			violations.add(toViolation(error));
		}
		return violations;
	}

	private static Violation toViolation(Error error) {
		String pointer = error.getInstanceLocation().toString();
		if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
			return new Violation(pointer + "/" + error.getProperty(), "is required");
		}
		return new Violation(pointer, stripLocation(error.getMessage(), pointer));
	}

	/**
	 * The library prefixes messages with the location; the pointer already carries it.
	 */
	private static String stripLocation(String message, String pointer) {
		String prefix = pointer + ": ";
		if (message.startsWith(prefix)) {
			return message.substring(prefix.length());
		}
		int colon = message.indexOf(": ");
		if (colon > 0 && (message.startsWith("/") || message.startsWith("$") || message.startsWith(":"))) {
			return message.substring(colon + 2);
		}
		return message;
	}

}
