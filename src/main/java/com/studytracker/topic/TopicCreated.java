package com.studytracker.topic;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.studytracker.contract.Event;

/** A study topic was created (see {@code schemas/topic-created.schema.json}). */
public record TopicCreated(UUID eventId, OffsetDateTime occurredAt, String name, String description) implements Event {

	public TopicCreated {
		// Kept at the database's precision: a re-send with 7 or 9 digits is the same
		// event.
		occurredAt = (occurredAt != null) ? occurredAt.truncatedTo(ChronoUnit.MICROS) : null;
	}

}
