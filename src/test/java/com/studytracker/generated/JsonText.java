package com.studytracker.generated;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes JSON text the way arbitrary producers might: any key order, any insignificant
 * whitespace, any mix of literal and escaped characters. Lone surrogates are always
 * escaped ({@code \ud800}), so the text encodes to UTF-8 without loss.
 */
public final class JsonText {

	private static final String[] SPACES = { "", "", "", " ", "\n", "\t", "\r\n", "  " };

	private JsonText() {
	}

	/** A raw JSON value written verbatim (numbers in any notation, literals). */
	public record Raw(String text) {
	}

	public static String object(List<Map.Entry<String, Object>> fields, Random random) {
		List<Map.Entry<String, Object>> order = new ArrayList<>(fields);
		Collections.shuffle(order, random);
		StringBuilder out = new StringBuilder();
		out.append(space(random)).append('{');
		for (int i = 0; i < order.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(space(random)).append(string(order.get(i).getKey(), random)).append(space(random)).append(':');
			out.append(space(random)).append(value(order.get(i).getValue(), random)).append(space(random));
		}
		return out.append('}').append(space(random)).toString();
	}

	@SuppressWarnings("unchecked")
	static String value(Object value, Random random) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Raw raw) {
			return raw.text();
		}
		if (value instanceof String text) {
			return string(text, random);
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof Map<?, ?> map) {
			return object(new ArrayList<>(((Map<String, Object>) map).entrySet()), random);
		}
		if (value instanceof List<?> list) {
			StringBuilder out = new StringBuilder("[");
			for (int i = 0; i < list.size(); i++) {
				out.append((i > 0) ? "," : "").append(space(random)).append(value(list.get(i), random));
			}
			return out.append(']').toString();
		}
		throw new IllegalArgumentException("Not a JSON value: " + value.getClass());
	}

	/** A JSON string literal with a random choice of escapes for each character. */
	public static String string(String text, Random random) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			if (pair) {
				if (random.nextInt(8) == 0) {
					out.append(escape(c, random)).append(escape(text.charAt(i + 1), random));
				}
				else {
					out.append(c).append(text.charAt(i + 1));
				}
				i++;
			}
			else if (Character.isSurrogate(c)) {
				out.append(escape(c, random));
			}
			else if (c == '"' || c == '\\') {
				out.append(random.nextBoolean() ? "\\" + c : escape(c, random));
			}
			else if (c < 0x20) {
				out.append(shortEscape(c, random));
			}
			else if (c == '/' && random.nextBoolean()) {
				out.append("\\/");
			}
			else if (random.nextInt(10) == 0) {
				out.append(escape(c, random));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private static String shortEscape(char c, Random random) {
		if (random.nextBoolean()) {
			switch (c) {
				case '\n':
					return "\\n";
				case '\t':
					return "\\t";
				case '\r':
					return "\\r";
				case '\b':
					return "\\b";
				case '\f':
					return "\\f";
				default:
			}
		}
		return escape(c, random);
	}

	private static String escape(char c, Random random) {
		String hex = String.format("%04x", (int) c);
		return "\\u" + (random.nextBoolean() ? hex : hex.toUpperCase());
	}

	private static String space(Random random) {
		return SPACES[random.nextInt(SPACES.length)];
	}

	/** Shows a string with everything outside printable ASCII as \\uXXXX, for reports. */
	public static String visible(String text, int max) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < max; i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7F) {
				out.append(c);
			}
			else {
				out.append(String.format("\\u%04x", (int) c));
			}
		}
		return (out.length() >= max) ? out + "...(" + text.length() + " chars)" : out.toString();
	}

}
