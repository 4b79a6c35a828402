package com.studytracker.session;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.studytracker.contract.Event;

/**
 * A study session was logged (see {@code schemas/session-logged.schema.json}). The topic
 * is named by exactly one of {@code topicId} or {@code topicEventId}.
 */
public record SessionLogged(UUID eventId, OffsetDateTime occurredAt, Integer topicId, UUID topicEventId,
		LocalDate studyDate, int durationMinutes, String notes) implements Event {

	public SessionLogged {
		// Kept at the database's precision: a re-send with 7 or 9 digits is the same
		// event.
		occurredAt = (occurredAt != null) ? occurredAt.truncatedTo(ChronoUnit.MICROS) : null;
	}

	/**
	 * The given study date, else the UTC date of {@code occurredAt}: a replay yields the
	 * same row.
	 */
	public LocalDate effectiveStudyDate() {
		return (this.studyDate != null) ? this.studyDate
				: this.occurredAt.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
	}

	String topicReference() {
		return (this.topicId != null) ? "with id " + this.topicId : "created by event " + this.topicEventId;
	}

}
