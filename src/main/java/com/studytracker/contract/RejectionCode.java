package com.studytracker.contract;

/** Why an event with a readable eventId was rejected; a producer can act on each. */
public enum RejectionCode {

	/** The event breaks its schema; details list every violation. */
	INVALID_EVENT,
	/** The session's topic did not arrive within the grace period. */
	UNKNOWN_TOPIC,
	/**
	 * The eventId was already accepted with different content; the stored row is
	 * untouched.
	 */
	EVENT_ID_CONFLICT

}
