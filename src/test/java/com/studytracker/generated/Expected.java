package com.studytracker.generated;

import java.util.Set;

/** What the contract promises for one generated record. */
public record Expected(Outcome outcome, Set<String> pointers) {

	public enum Outcome {

		/** Accepted and stored exactly as sent. */
		ACCEPTED,
		/** REJECTED with INVALID_EVENT listing exactly these pointers. */
		INVALID,
		/**
		 * The session's topic is unknown: rejected UNKNOWN_TOPIC (a topicId at once, a
		 * topicEventId after the grace period).
		 */
		UNKNOWN_TOPIC,
		/** Not an event at all: dead-lettered as UNREADABLE, no confirmation. */
		UNREADABLE

	}

	static Expected accepted() {
		return new Expected(Outcome.ACCEPTED, Set.of());
	}

	static Expected invalid(String... pointers) {
		return new Expected(Outcome.INVALID, Set.of(pointers));
	}

	static Expected unreadable() {
		return new Expected(Outcome.UNREADABLE, Set.of());
	}

	static Expected unknownTopic() {
		return new Expected(Outcome.UNKNOWN_TOPIC, Set.of());
	}

}
