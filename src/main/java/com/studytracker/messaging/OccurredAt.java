package com.studytracker.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.Event;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.ingest.Decision;
import com.studytracker.ingest.EventRules;

/**
 * The rules of one batch, noting each valid event's {@code occurredAt} as they decide it;
 * forwards everything else unchanged (a new method on {@link EventRules} must be
 * forwarded here too). A decorator, so event ages are measured without the pipeline
 * parsing events twice or knowing about metrics.
 */
final class OccurredAt<E extends Event> implements EventRules<E> {

	private final EventRules<E> rules;

	private final Function<E, OffsetDateTime> occurredAt;

	private final Map<Delivery, Instant> times = new IdentityHashMap<>();

	OccurredAt(EventRules<E> rules, Function<E, OffsetDateTime> occurredAt) {
		this.rules = rules;
		this.occurredAt = occurredAt;
	}

	@Override
	public EventType type() {
		return this.rules.type();
	}

	@Override
	public Class<E> eventClass() {
		return this.rules.eventClass();
	}

	@Override
	public List<Decision> decide(List<Received<E>> events, Instant now) {
		for (Received<E> received : events) {
			OffsetDateTime time = this.occurredAt.apply(received.event());
			if (time != null) {
				this.times.put(received.delivery(), time.toInstant());
			}
		}
		return this.rules.decide(events, now);
	}

	@Override
	public void committed(List<Outcome> outcomes) {
		this.rules.committed(outcomes);
	}

	Instant of(Delivery delivery) {
		return this.times.get(delivery);
	}

}
