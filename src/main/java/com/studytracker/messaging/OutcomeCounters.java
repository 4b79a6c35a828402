package com.studytracker.messaging;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** {@code studytracker.events}: published outcomes by event type and outcome. */
@Component
class OutcomeCounters {

	private final Map<EventType, Map<Class<?>, Counter>> counters = new EnumMap<>(EventType.class);

	OutcomeCounters(MeterRegistry meters) {
		for (EventType type : EventType.values()) {
			Map<Class<?>, Counter> byOutcome = new HashMap<>();
			byOutcome.put(Outcome.Accepted.class, counter(type, "accepted", meters));
			byOutcome.put(Outcome.Rejected.class, counter(type, "rejected", meters));
			byOutcome.put(Outcome.Unreadable.class, counter(type, "unreadable", meters));
			byOutcome.put(Outcome.Deferred.class, counter(type, "deferred", meters));
			this.counters.put(type, byOutcome);
		}
	}

	/**
	 * Counted once per batch (per-record increments showed in the profile), and only once
	 * published.
	 */
	void count(EventType type, List<Outcome> outcomes) {
		Map<Class<?>, Integer> counts = new HashMap<>(8);
		outcomes.forEach(outcome -> counts.merge(outcome.getClass(), 1, Integer::sum));
		counts.forEach((outcome, count) -> this.counters.get(type).get(outcome).increment(count));
	}

	private static Counter counter(EventType type, String outcome, MeterRegistry meters) {
		return Counter.builder("studytracker.events")
			.description("Input events by outcome")
			.tag("type", type.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.tag("outcome", outcome)
			.register(meters);
	}

}
