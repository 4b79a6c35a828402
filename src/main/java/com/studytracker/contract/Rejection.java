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

	/**
	 * Topic ids come only from confirmations of stored topics, so an unknown one is a
	 * producer error, never something to wait for.
	 */
	public static Rejection noTopicWithId(int topicId) {
		return new Rejection(RejectionCode.UNKNOWN_TOPIC, "No topic with id " + topicId
				+ " is stored. Topic ids come from TopicCreated confirmations; to name a topic that may not be stored yet, use topicEventId.",
				List.of());
	}

	public static Rejection conflict(String what) {
		return new Rejection(RejectionCode.EVENT_ID_CONFLICT,
				"This eventId was already accepted with different content (" + what + " differ); the stored "
						+ "row is unchanged. Use a new eventId for a new event.",
				List.of());
	}

}
