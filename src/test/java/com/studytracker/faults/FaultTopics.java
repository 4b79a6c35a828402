package com.studytracker.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's own topics and consumer group, so scenarios on the shared broker never
 * see each other.
 */
record FaultTopics(String prefix) {

	String topicInput() {
		return this.prefix + ".topic-created";
	}

	String topicConfirmations() {
		return this.prefix + ".topic-created.confirmations";
	}

	String topicDeadLetters() {
		return this.prefix + ".topic-created.dlt";
	}

	String sessionInput() {
		return this.prefix + ".session-logged";
	}

	String sessionConfirmations() {
		return this.prefix + ".session-logged.confirmations";
	}

	String sessionDeadLetters() {
		return this.prefix + ".session-logged.dlt";
	}

	String group() {
		return "faults-" + this.prefix;
	}

	List<String> all() {
		return List.of(topicInput(), topicConfirmations(), topicDeadLetters(), sessionInput(), sessionConfirmations(),
				sessionDeadLetters());
	}

	List<String> outputs() {
		return List.of(topicConfirmations(), topicDeadLetters(), sessionConfirmations(), sessionDeadLetters());
	}

	/** The service's settings for these topics. */
	Map<String, String> serviceProperties() {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("studytracker.streams.topic-created.input", topicInput());
		p.put("studytracker.streams.topic-created.confirmations", topicConfirmations());
		p.put("studytracker.streams.topic-created.dead-letters", topicDeadLetters());
		p.put("studytracker.streams.session-logged.input", sessionInput());
		p.put("studytracker.streams.session-logged.confirmations", sessionConfirmations());
		p.put("studytracker.streams.session-logged.dead-letters", sessionDeadLetters());
		p.put("studytracker.kafka.group-id", group());
		return p;
	}

}
