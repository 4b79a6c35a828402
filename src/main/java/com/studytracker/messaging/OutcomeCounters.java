package com.studytracker.messaging;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.RejectionCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code studytracker.events}: published outcomes by event type, outcome and reason (the
 * rejection code, {@code unreadable}, or {@code none}).
 */
@Component
class OutcomeCounters {

	static final String NO_REASON = "none";

	private final Map<EventType, Map<String, Counter>> counters = new EnumMap<>(EventType.class);

	OutcomeCounters(MeterRegistry meters) {
		for (EventType type : EventType.values()) {
			Map<String, Counter> byOutcome = new HashMap<>();
			byOutcome.put(key(Outcome.Accepted.class, null), counter(type, "accepted", NO_REASON, meters));
			byOutcome.put(key(Outcome.Unreadable.class, null),
					counter(type, "unreadable", tagValue(DeadLetters.UNREADABLE), meters));
			byOutcome.put(key(Outcome.Deferred.class, null), counter(type, "deferred", NO_REASON, meters));
			for (RejectionCode code : RejectionCode.values()) {
				byOutcome.put(key(Outcome.Rejected.class, code),
						counter(type, "rejected", tagValue(code.name()), meters));
			}
			this.counters.put(type, byOutcome);
		}
	}

	/**
	 * Counted once per batch (per-record increments showed in the profile), and only once
	 * published.
	 */
	void count(EventType type, List<Outcome> outcomes) {
		Map<String, Integer> counts = new HashMap<>(8);
		outcomes.forEach(outcome -> counts.merge(key(outcome), 1, Integer::sum));
		Map<String, Counter> byOutcome = this.counters.get(type);
		counts.forEach((key, count) -> byOutcome.get(key).increment(count));
	}

	/** A rejection code or {@code UNREADABLE} as a tag value: {@code invalid-event}. */
	static String tagValue(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String key(Outcome outcome) {
		return key(outcome.getClass(), (outcome instanceof Outcome.Rejected rejected) ? rejected.code() : null);
	}

	private static String key(Class<?> outcome, RejectionCode code) {
		return (code != null) ? outcome.getSimpleName() + ":" + code.name() : outcome.getSimpleName();
	}

	private static Counter counter(EventType type, String outcome, String reason, MeterRegistry meters) {
		return Counter.builder("studytracker.events")
			.description("Input events by outcome and reason")
			.tag("type", tagValue(type.name()))
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(meters);
	}

}
