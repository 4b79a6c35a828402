package com.studytracker.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A stored session as the read API answers it ({@code Session} in schemas/openapi.yaml).
 *
 * @param eventId the SessionLogged event that logged it
 */
record SessionView(int id, int topicId, UUID eventId, LocalDate studyDate, int durationMinutes, String notes,
		Instant occurredAt, Instant createdAt) {
}
