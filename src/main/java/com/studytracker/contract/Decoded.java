package com.studytracker.contract;

import java.util.List;
import java.util.UUID;

/**
 * What reading one record's value gave: an event, a schema-invalid event, or nothing
 * usable.
 */
public sealed interface Decoded<T> {

	/**
	 * Not an event at all (not JSON, not an object, no valid eventId, too big...):
	 * dead-letter only.
	 */
	record Unreadable<T>(String problem) implements Decoded<T> {
	}

	/**
	 * Has a readable eventId but breaks its schema: rejected with every violation listed.
	 */
	record Invalid<T>(UUID eventId, List<Violation> violations) implements Decoded<T> {
	}

	record Valid<T>(T event) implements Decoded<T> {
	}

}
