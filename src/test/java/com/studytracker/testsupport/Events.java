package com.studytracker.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** Builds input events as a producer would write them: plain JSON text. */
public final class Events {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Events() {
	}

	public static Map<String, Object> topicCreated(UUID eventId, String name) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("eventId", eventId.toString());
		event.put("occurredAt", "2026-11-25T09:30:00Z");
		event.put("name", name);
		return event;
	}

	public static Map<String, Object> sessionLogged(UUID eventId, UUID topicEventId, int durationMinutes) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("eventId", eventId.toString());
		event.put("occurredAt", "2026-11-25T23:30:00-02:00");
		event.put("topicEventId", topicEventId.toString());
		event.put("durationMinutes", durationMinutes);
		return event;
	}

	public static String json(Map<String, Object> event) {
		return JSON.writeValueAsString(event);
	}

}
