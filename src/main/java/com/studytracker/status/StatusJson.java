package com.studytracker.status;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies of status answers. A confirmation is written as the bytes that were
 * published; the shapes that have no confirmation (PENDING, and in a batch NOT_FOUND or
 * AMBIGUOUS) are written here.
 */
final class StatusJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StatusJson() {
	}

	static byte[] of(EventStatus status) {
		if (status instanceof EventStatus.Confirmed confirmed) {
			return confirmed.json();
		}
		EventStatus.Pending pending = (EventStatus.Pending) status;
		return JSON.writeValueAsBytes(new Answer(pending.eventId(), "PENDING", pending.topicId(),
				pending.topicEventId(), pending.since(), pending.until(), null));
	}

	static byte[] notFound(UUID eventId) {
		return JSON.writeValueAsBytes(new Answer(eventId, "NOT_FOUND", null, null, null, null, null));
	}

	static byte[] ambiguous(UUID eventId, List<String> types) {
		return JSON.writeValueAsBytes(new Answer(eventId, "AMBIGUOUS", null, null, null, null, types));
	}

	/** A JSON array of answers, each element the exact bytes of its single answer. */
	static byte[] array(List<byte[]> answers) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write('[');
		for (int i = 0; i < answers.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(answers.get(i));
		}
		out.write(']');
		return out.toByteArray();
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "eventId", "status", "topicId", "topicEventId", "since", "until", "types" })
	record Answer(UUID eventId, String status, Integer topicId, UUID topicEventId, String since, String until,
			List<String> types) {
	}

}
