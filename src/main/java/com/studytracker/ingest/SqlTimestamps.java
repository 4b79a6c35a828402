package com.studytracker.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A timestamptz column read by a native query, whatever type the driver chose. */
public final class SqlTimestamps {

	private SqlTimestamps() {
	}

	public static Instant toInstant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof OffsetDateTime offsetDateTime) {
			return offsetDateTime.toInstant();
		}
		if (value instanceof Timestamp timestamp) {
			return timestamp.toInstant();
		}
		return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
	}

}
