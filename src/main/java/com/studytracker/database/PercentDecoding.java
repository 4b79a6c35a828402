package com.studytracker.database;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as Python's {@code unquote} (used by SQLAlchemy): {@code %XX} becomes
 * that byte, anything else is kept ({@code +} stays a plus, a lone {@code %} stays as
 * is), bytes are read as UTF-8. {@code URLDecoder} would turn {@code +} into a space.
 */
final class PercentDecoding {

	private PercentDecoding() {
	}

	static String decode(String part) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
		int i = 0;
		while (i < part.length()) {
			char c = part.charAt(i);
			if (c == '%' && i + 2 < part.length() && isHex(part.charAt(i + 1)) && isHex(part.charAt(i + 2))) {
				bytes.write(Integer.parseInt(part.substring(i + 1, i + 3), 16));
				i += 3;
				continue;
			}
			int end = i + Character.charCount(part.codePointAt(i));
			bytes.writeBytes(part.substring(i, end).getBytes(StandardCharsets.UTF_8));
			i = end;
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}

}
