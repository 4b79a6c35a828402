package com.studytracker.contract;

import com.studytracker.StudyTrackerProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses an untrusted record value into a JSON object, once, within bounds (size,
 * nesting, number length, strict UTF-8, no duplicate keys), so a parser bomb fails fast
 * without exhausting memory. The problem it reports says where, never what.
 */
final class BoundedJson {

	private final JsonMapper mapper;

	private final int maxEventBytes;

	BoundedJson(StudyTrackerProperties.Limits limits) {
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

	JsonMapper mapper() {
		return this.mapper;
	}

	/** The value as a JSON object, or why it is not one. */
	Parsed parse(byte[] value) {
		if (value == null || value.length == 0) {
			return Parsed.problem("empty record value");
		}
		if (value.length > this.maxEventBytes) {
			return Parsed
				.problem("record value is " + value.length + " bytes, more than the limit of " + this.maxEventBytes);
		}
		String encoding = Utf8.problem(value);
		if (encoding != null) {
			return Parsed.problem(encoding);
		}
		JsonNode tree;
		try {
			tree = this.mapper.readTree(value);
		}
		catch (StreamConstraintsException ex) {
			// About a limit (size, nesting, number length): says nothing of the content.
			return Parsed.problem("exceeds a parsing limit: " + firstLine(ex.getOriginalMessage()));
		}
		catch (JacksonException ex) {
			// Where, not what: the parser's message may quote the record's content.
			TokenStreamLocation at = ex.getLocation();
			return Parsed.problem("not valid JSON"
					+ ((at != null) ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : ""));
		}
		catch (IllegalArgumentException ex) {
			return Parsed.problem("not valid JSON");
		}
		if (tree == null || !tree.isObject()) {
			return Parsed.problem("not a JSON object");
		}
		return new Parsed((ObjectNode) tree, null);
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		String line = (newline < 0) ? message : message.substring(0, newline);
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

	/** A JSON object, or (tree null) the reason the value is not one. */
	record Parsed(ObjectNode tree, String problem) {

		static Parsed problem(String problem) {
			return new Parsed(null, problem);
		}

	}

}
