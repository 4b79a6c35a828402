package com.studytracker.contract;

/** The two input event types, each with its JSON Schema in {@code schemas/}. */
public enum EventType {

	TOPIC_CREATED("topic-created.schema.json"), SESSION_LOGGED("session-logged.schema.json");

	private final String schemaFile;

	EventType(String schemaFile) {
		this.schemaFile = schemaFile;
	}

	String schemaFile() {
		return this.schemaFile;
	}

}
