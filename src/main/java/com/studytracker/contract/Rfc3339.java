package com.studytracker.contract;

/**
 * The common subset of RFC 3339 dates and date-times, recognised without regex for
 * {@link CertainlyValid}: years 1900 to 9999 (the schemas' range), real calendar dates,
 * upper-case {@code T} and {@code Z}, seconds below 60, at most 9 fractional digits and
 * offsets within ±14:59. Everything else is left to the schema validator.
 */
final class Rfc3339 {

	private static final int[] DAYS_IN_MONTH = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	private Rfc3339() {
	}

	/** {@code YYYY-MM-DD}. */
	static boolean certainDate(String text) {
		return text != null && text.length() == 10 && date(text);
	}

	/** {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)}. */
	static boolean certainDateTime(String text) {
		if (text == null || text.length() < 20 || !date(text) || text.charAt(10) != 'T') {
			return false;
		}
		if (!number(text, 11, 23) || text.charAt(13) != ':' || !number(text, 14, 59) || text.charAt(16) != ':'
				|| !number(text, 17, 59)) {
			return false;
		}
		int at = 19;
		if (text.charAt(at) == '.') {
			int digits = 0;
			while (at + 1 + digits < text.length() && digit(text.charAt(at + 1 + digits))) {
				digits++;
			}
			if (digits < 1 || digits > 9) {
				return false;
			}
			at += 1 + digits;
		}
		return offset(text, at);
	}

	private static boolean offset(String text, int at) {
		int rest = text.length() - at;
		if (rest < 1) {
			return false;
		}
		if (rest == 1) {
			return text.charAt(at) == 'Z';
		}
		char sign = text.charAt(at);
		return rest == 6 && (sign == '+' || sign == '-') && number(text, at + 1, 14) && text.charAt(at + 3) == ':'
				&& number(text, at + 4, 59);
	}

	private static boolean date(String text) {
		if (text.charAt(4) != '-' || text.charAt(7) != '-') {
			return false;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		if (year < 1900 || month < 1 || month > 12 || day < 1) {
			return false;
		}
		boolean leap = (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
		int days = (month == 2 && !leap) ? 28 : DAYS_IN_MONTH[month - 1];
		return day <= days;
	}

	/** Two digits at {@code at}, at most {@code max}. */
	private static boolean number(String text, int at, int max) {
		int value = digits(text, at, 2);
		return value >= 0 && value <= max;
	}

	/** The decimal value of {@code count} ASCII digits at {@code at}, or -1. */
	private static int digits(String text, int at, int count) {
		if (at + count > text.length()) {
			return -1;
		}
		int value = 0;
		for (int i = at; i < at + count; i++) {
			char c = text.charAt(i);
			if (!digit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean digit(char c) {
		return c >= '0' && c <= '9';
	}

}
