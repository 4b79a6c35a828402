package com.studytracker.contract;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An input event: whatever its type, it carries the producer's idempotency key and when
 * it happened.
 */
public interface Event {

	UUID eventId();

	OffsetDateTime occurredAt();

}
