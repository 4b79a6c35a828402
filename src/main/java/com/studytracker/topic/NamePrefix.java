package com.studytracker.topic;

/**
 * A name prefix as a range of names in byte order (collation "C", which for UTF-8 is code
 * point order): the names starting with {@code p} are exactly those in {@code [p, q)},
 * where {@code q} is {@code p} with its last code point incremented (trailing U+10FFFF
 * dropped first). A range, not LIKE: no wildcard to escape ({@code %} and {@code _} are
 * plain characters), and the index is used even by a generic prepared plan.
 */
final class NamePrefix {

	private static final int MAX = Character.MAX_CODE_POINT;

	private NamePrefix() {
	}

	/** The first name after every name starting with {@code prefix}; null if none. */
	static String upperBound(String prefix) {
		int[] codePoints = prefix.codePoints().toArray();
		int end = codePoints.length;
		while (end > 0 && codePoints[end - 1] == MAX) {
			end--;
		}
		if (end == 0) {
			return null;
		}
		int last = codePoints[end - 1] + 1;
		// Surrogates are not characters: a string never holds one.
		codePoints[end - 1] = (last == Character.MIN_SURROGATE) ? Character.MAX_SURROGATE + 1 : last;
		return new String(codePoints, 0, end);
	}

}
