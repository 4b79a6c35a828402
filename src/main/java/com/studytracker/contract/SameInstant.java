package com.studytracker.contract;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Whether two RFC 3339 date-times name the same instant at the precision the service
 * keeps (microseconds): the rule "same content" already uses for {@code occurredAt}.
 */
final class SameInstant {

	private SameInstant() {
	}

	static boolean at(String one, String other) {
		if (one.equals(other)) {
			return true;
		}
		try {
			return OffsetDateTime.parse(one)
				.toInstant()
				.truncatedTo(ChronoUnit.MICROS)
				.equals(OffsetDateTime.parse(other).toInstant().truncatedTo(ChronoUnit.MICROS));
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

}
