package com.studytracker.contract;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The outcome of one input event, as published on a confirmations topic (see
 * {@code schemas/confirmation.schema.json}). Always built from stored rows, never from
 * the clock, so a re-sent confirmation is byte-identical to the first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "eventId", "status", "topicId", "sessionId", "reason", "processedAt" })
public record Confirmation(UUID eventId, Status status, Integer topicId, Integer sessionId, Rejection reason,
		String processedAt) {

	public enum Status {

		ACCEPTED, REJECTED

	}

	public static Confirmation topicAccepted(UUID eventId, int topicId, Instant processedAt) {
		return new Confirmation(eventId, Status.ACCEPTED, topicId, null, null, processedAt.toString());
	}

	public static Confirmation sessionAccepted(UUID eventId, int topicId, int sessionId, Instant processedAt) {
		return new Confirmation(eventId, Status.ACCEPTED, topicId, sessionId, null, processedAt.toString());
	}

	public static Confirmation rejected(UUID eventId, Rejection reason, Instant processedAt) {
		return new Confirmation(eventId, Status.REJECTED, null, null, reason, processedAt.toString());
	}

}
