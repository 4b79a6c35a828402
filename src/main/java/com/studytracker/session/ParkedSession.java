package com.studytracker.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.studytracker.contract.Rejection;

/**
 * A parked session as read back: everything but the record's bytes, so a sweep over many
 * parked sessions holds little memory.
 *
 * @param rejectedAt set once its rejection is decided; the decision is final
 */
record ParkedSession(UUID eventId, Integer topicId, UUID topicEventId, SessionContent content, Instant firstSeenAt,
		Instant rejectedAt, ParkedRecord record) {

	SessionLogged event() {
		return this.content.asEvent(this.eventId, this.topicId, this.topicEventId);
	}

	List<String> differencesFrom(SessionLogged event) {
		List<String> differences = new ArrayList<>(this.content.differencesFrom(event));
		if (!Objects.equals(this.topicId, event.topicId())
				|| !Objects.equals(this.topicEventId, event.topicEventId())) {
			differences.add("topic");
		}
		return differences;
	}

	/** Why it is rejected if its topic never comes: a pure function of it. */
	Rejection rejection() {
		return (this.topicId != null) ? Rejection.noTopicWithId(this.topicId)
				: Rejection.unknownTopic("created by event " + this.topicEventId);
	}

	boolean isRejected() {
		return this.rejectedAt != null;
	}

}
