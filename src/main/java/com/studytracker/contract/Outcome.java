package com.studytracker.contract;

/**
 * What became of one delivered record; the messaging layer turns it into confirmations
 * and dead letters.
 */
public sealed interface Outcome {

	Delivery delivery();

	/** Stored (now or earlier): confirm with the stored ids. */
	record Accepted(Delivery delivery, Confirmation confirmation) implements Outcome {
	}

	/** Rejected with a reason: confirm, and keep the record in the dead-letter topic. */
	record Rejected(Delivery delivery, Confirmation confirmation) implements Outcome {

		public RejectionCode code() {
			return this.confirmation.reason().code();
		}

	}

	/** Not an event at all: dead-letter only, there is no eventId to confirm. */
	record Unreadable(Delivery delivery, String problem) implements Outcome {
	}

	/**
	 * Waiting durably for something (a session for its topic); its outcome is published
	 * later.
	 */
	record Deferred(Delivery delivery) implements Outcome {
	}

}
