package com.studytracker.topic;

import java.time.Instant;
import java.util.UUID;

/**
 * A topic as the read API answers it ({@code Topic} in schemas/openapi.yaml).
 *
 * @param eventId the TopicCreated event that created it
 */
record TopicView(int id, String name, String description, UUID eventId, Instant occurredAt, Instant createdAt) {
}
