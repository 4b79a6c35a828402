package com.studytracker.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code studytracker.event.age}: how old each event is when its batch is committed,
 * measured twice because producers' clocks ({@code occurredAt}) and the broker's (the
 * record timestamp) can disagree.
 */
final class EventAges {

	private final Map<EventType, Timers> timers = new EnumMap<>(EventType.class);

	EventAges(MeterRegistry registry) {
		for (EventType type : EventType.values()) {
			this.timers.put(type, new Timers(OutcomeCounters.tagValue(type.name()), registry));
		}
	}

	void committed(EventType type, List<Outcome> outcomes, OccurredAt<?> occurredAt) {
		Timers timers = this.timers.get(type);
		long now = System.currentTimeMillis();
		for (Outcome outcome : outcomes) {
			Delivery delivery = outcome.delivery();
			timers.sinceRecordTimestamp.record(now - delivery.timestamp(), TimeUnit.MILLISECONDS);
			Instant occurred = occurredAt.of(delivery);
			if (occurred != null) {
				timers.sinceOccurredAt.record(now - occurred.toEpochMilli(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private static final class Timers {

		final Timer sinceOccurredAt;

		final Timer sinceRecordTimestamp;

		Timers(String type, MeterRegistry registry) {
			this.sinceOccurredAt = eventAge(type, "occurred-at", registry);
			this.sinceRecordTimestamp = eventAge(type, "record-timestamp", registry);
		}

		private static Timer eventAge(String type, String since, MeterRegistry registry) {
			return Timer.builder("studytracker.event.age")
				.description("Age of an event when the batch holding it is committed, since its occurredAt "
						+ "or its record's timestamp")
				.tag("type", type)
				.tag("since", since)
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofDays(1))
				.register(registry);
		}

	}

}
