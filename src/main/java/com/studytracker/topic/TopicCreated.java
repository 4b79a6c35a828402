package com.studytracker.topic;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.studytracker.contract.Event;

/** A study topic was created (see {@code schemas/topic-created.schema.json}). */
public record TopicCreated(UUID eventId, OffsetDateTime occurredAt, String name, String description) implements Event {
}
