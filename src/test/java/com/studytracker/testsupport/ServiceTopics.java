package com.studytracker.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of the service's six topics under one prefix, and a consumer group, so that runs
 * sharing a broker (benchmark phases, fault scenarios) never see each other's records.
 */
public record ServiceTopics(String prefix) {

	public String topicInput() {
		return this.prefix + ".topic-created";
	}

	public String topicConfirmations() {
		return this.prefix + ".topic-created.confirmations";
	}

	public String topicDeadLetters() {
		return this.prefix + ".topic-created.dlt";
	}

	public String sessionInput() {
		return this.prefix + ".session-logged";
	}

	public String sessionConfirmations() {
		return this.prefix + ".session-logged.confirmations";
	}

	public String sessionDeadLetters() {
		return this.prefix + ".session-logged.dlt";
	}

	public String group() {
		return "group-" + this.prefix;
	}

	public List<String> all() {
		return List.of(topicInput(), topicConfirmations(), topicDeadLetters(), sessionInput(), sessionConfirmations(),
				sessionDeadLetters());
	}

	public List<String> outputs() {
		return List.of(topicConfirmations(), topicDeadLetters(), sessionConfirmations(), sessionDeadLetters());
	}

	/** The service's settings that point it at these topics. */
	public Map<String, String> streamProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("studytracker.streams.topic-created.input", topicInput());
		properties.put("studytracker.streams.topic-created.confirmations", topicConfirmations());
		properties.put("studytracker.streams.topic-created.dead-letters", topicDeadLetters());
		properties.put("studytracker.streams.session-logged.input", sessionInput());
		properties.put("studytracker.streams.session-logged.confirmations", sessionConfirmations());
		properties.put("studytracker.streams.session-logged.dead-letters", sessionDeadLetters());
		return properties;
	}

	/** The stream settings plus this set's consumer group. */
	public Map<String, String> serviceProperties() {
		Map<String, String> properties = streamProperties();
		properties.put("studytracker.kafka.group-id", group());
		return properties;
	}

	/** The stream settings as command-line arguments. */
	public List<String> streamArguments() {
		return streamProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
	}

}
