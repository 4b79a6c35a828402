package com.studytracker.contract;

import java.util.UUID;

/** An input event: whatever its type, it carries the producer's idempotency key. */
public interface Event {

	UUID eventId();

}
