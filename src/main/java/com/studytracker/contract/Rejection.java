package com.studytracker.contract;

import java.util.List;

/** The reason part of a REJECTED confirmation. */
public record Rejection(RejectionCode code, String message, List<Violation> details) {

	public static Rejection invalid(List<Violation> details) {
		return new Rejection(
				RejectionCode.INVALID_EVENT, "The event does not match its schema (" + details.size() + " problem"
						+ (details.size() == 1 ? "" : "s") + "); fix it and send it again with a new eventId.",
				List.copyOf(details));
	}

	public static Rejection unknownTopic(String reference) {
		return new Rejection(RejectionCode.UNKNOWN_TOPIC,
				"The topic " + reference + " is not known and did not arrive within the grace period.", List.of());
	}

	public static Rejection conflict(String what) {
		return new Rejection(RejectionCode.EVENT_ID_CONFLICT,
				"This eventId was already accepted with different content (" + what + " differ); the stored "
						+ "row is unchanged. Use a new eventId for a new event.",
				List.of());
	}

}
