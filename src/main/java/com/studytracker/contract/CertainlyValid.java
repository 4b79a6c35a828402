package com.studytracker.contract;

import tools.jackson.databind.JsonNode;

/**
 * Recognises, without the schema validator, events that are certainly valid by their
 * schema file: the shape real producers send (integers written as JSON integers, text
 * without NUL or surrogates, timestamps such as {@code 2026-11-25T09:30:00.123Z}).
 * Anything else, including anything this class is unsure of, goes to the validator, so
 * the verdict is always the schema files' own; {@code EventContractProperties} checks on
 * generated input that every event passed here passes the validator too. The validator's
 * {@code pattern} and {@code format} keywords were the largest cost of reading an event.
 */
final class CertainlyValid {

	private static final int MAX_NAME = 600;

	private static final int MAX_TRIMMED_NAME = 200;

	private static final int MAX_TEXT = 10_000;

	private CertainlyValid() {
	}

	static boolean check(EventType type, JsonNode event) {
		if (!uuid(event.get("eventId")) || !Rfc3339.certainDateTime(text(event.get("occurredAt")))) {
			return false;
		}
		return switch (type) {
			case TOPIC_CREATED -> name(event.get("name")) && optionalText(event.get("description"));
			case SESSION_LOGGED -> topicReference(event.get("topicId"), event.get("topicEventId"))
					&& integer(event.get("durationMinutes"), 1, 1440) && optionalDate(event.get("studyDate"))
					&& optionalText(event.get("notes"));
		};
	}

	/** Exactly one of the two names the topic (the schema's {@code oneOf}). */
	private static boolean topicReference(JsonNode topicId, JsonNode topicEventId) {
		if (absentOrNull(topicEventId)) {
			return integer(topicId, 1, Integer.MAX_VALUE);
		}
		return absentOrNull(topicId) && uuid(topicEventId);
	}

	private static boolean name(JsonNode node) {
		String name = text(node);
		if (name == null || name.length() > MAX_NAME || !plain(name)) {
			return false;
		}
		// The six characters the database trims, as the schema's trimming pattern spells
		// them out.
		int start = 0;
		int end = name.length();
		while (start < end && trimmed(name.charAt(start))) {
			start++;
		}
		while (end > start && trimmed(name.charAt(end - 1))) {
			end--;
		}
		return end - start >= 1 && end - start <= MAX_TRIMMED_NAME;
	}

	private static boolean trimmed(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
	}

	private static boolean optionalText(JsonNode node) {
		if (absentOrNull(node)) {
			return true;
		}
		String text = text(node);
		return text != null && text.length() <= MAX_TEXT && plain(text);
	}

	private static boolean optionalDate(JsonNode node) {
		return absentOrNull(node) || Rfc3339.certainDate(text(node));
	}

	/**
	 * No NUL and no surrogate at all: then each char is one code point, as the schema's
	 * lengths count them, and the schema's character pattern holds.
	 */
	private static boolean plain(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0 || Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean integer(JsonNode node, int min, int max) {
		if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
			return false;
		}
		int value = node.intValue();
		return value >= min && value <= max;
	}

	private static boolean uuid(JsonNode node) {
		String text = text(node);
		return text != null && UuidFormat.isUuid(text);
	}

	private static String text(JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	private static boolean absentOrNull(JsonNode node) {
		return node == null || node.isNull();
	}

}
