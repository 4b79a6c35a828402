package com.studytracker.status;

import java.util.UUID;

/**
 * The answer about one eventId of one event type: its confirmation (ACCEPTED or
 * REJECTED), or that it waits for its topic.
 */
sealed interface EventStatus {

	UUID eventId();

	/** Exactly the confirmation that was published for it. */
	record Confirmed(UUID eventId, byte[] json) implements EventStatus {
	}

	/**
	 * A session parked until its topic arrives.
	 *
	 * @param since when the service first saw it
	 * @param until the end of its grace period: it is accepted as soon as its topic
	 * arrives, and rejected UNKNOWN_TOPIC once this has passed and the TopicCreated
	 * stream is known to be consumed that far
	 */
	record Pending(UUID eventId, Integer topicId, UUID topicEventId, String since,
			String until) implements EventStatus {
	}

}
