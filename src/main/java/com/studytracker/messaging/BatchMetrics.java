package com.studytracker.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.Event;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.ingest.Decision;
import com.studytracker.ingest.EventRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What the listeners measure per batch: its size and duration, failures and retries, and
 * how old its events are when their batch is committed. Meters are created once; a batch
 * costs a few map lookups and two timer recordings per record.
 */
@Component
class BatchMetrics {

	private static final String TYPE = "type";

	private final Map<EventType, Meters> meters = new EnumMap<>(EventType.class);

	/**
	 * Whether the last batch on this consumer thread failed: the next one is its retry.
	 */
	private final ThreadLocal<Boolean> lastBatchFailed = ThreadLocal.withInitial(() -> false);

	BatchMetrics(MeterRegistry registry) {
		for (EventType type : EventType.values()) {
			this.meters.put(type, new Meters(OutcomeCounters.tagValue(type.name()), registry));
		}
	}

	/**
	 * Starts timing a batch; counts it as a retry if the previous one on this thread
	 * failed.
	 */
	long started(EventType type, int records) {
		Meters meters = this.meters.get(type);
		meters.records.record(records);
		if (this.lastBatchFailed.get()) {
			meters.retries.increment();
		}
		return System.nanoTime();
	}

	/**
	 * After the batch's rows are committed: how old each event is, from its
	 * {@code occurredAt} and from its record's timestamp.
	 */
	void committed(EventType type, List<Outcome> outcomes, OccurredAt<?> occurredAt) {
		Meters meters = this.meters.get(type);
		long now = System.currentTimeMillis();
		for (Outcome outcome : outcomes) {
			Delivery delivery = outcome.delivery();
			meters.sinceRecordTimestamp.record(now - delivery.timestamp(), TimeUnit.MILLISECONDS);
			Instant occurred = occurredAt.of(delivery);
			if (occurred != null) {
				meters.sinceOccurredAt.record(now - occurred.toEpochMilli(), TimeUnit.MILLISECONDS);
			}
		}
	}

	void succeeded(EventType type, long started) {
		this.lastBatchFailed.set(false);
		this.meters.get(type).succeeded.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	void failed(EventType type, long started) {
		this.lastBatchFailed.set(true);
		Meters meters = this.meters.get(type);
		meters.failures.increment();
		meters.failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	private static final class Meters {

		final DistributionSummary records;

		final Timer succeeded;

		final Timer failed;

		final Counter failures;

		final Counter retries;

		final Timer sinceOccurredAt;

		final Timer sinceRecordTimestamp;

		Meters(String type, MeterRegistry registry) {
			this.records = DistributionSummary.builder("studytracker.batch.records")
				.description("Records per batch handed to a listener")
				.tag(TYPE, type)
				.publishPercentileHistogram()
				.minimumExpectedValue(1.0)
				.maximumExpectedValue(10_000.0)
				.register(registry);
			this.succeeded = batchDuration(type, "success", registry);
			this.failed = batchDuration(type, "failure", registry);
			this.failures = Counter.builder("studytracker.batch.failures")
				.description("Batches that failed transiently (database or broker) and are retried")
				.tag(TYPE, type)
				.register(registry);
			this.retries = Counter.builder("studytracker.batch.retries")
				.description("Batches handled again after a failed attempt")
				.tag(TYPE, type)
				.register(registry);
			this.sinceOccurredAt = eventAge(type, "occurred-at", registry);
			this.sinceRecordTimestamp = eventAge(type, "record-timestamp", registry);
		}

		private static Timer batchDuration(String type, String outcome, MeterRegistry registry) {
			return Timer.builder("studytracker.batch.duration")
				.description("Time to handle a batch: read, store, commit, publish and await acknowledgements")
				.tag(TYPE, type)
				.tag("outcome", outcome)
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofMinutes(2))
				.register(registry);
		}

		private static Timer eventAge(String type, String since, MeterRegistry registry) {
			return Timer.builder("studytracker.event.age")
				.description("Age of an event when the batch holding it is committed, since its occurredAt "
						+ "or its record's timestamp")
				.tag(TYPE, type)
				.tag("since", since)
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofDays(1))
				.register(registry);
		}

	}

	/**
	 * The rules of one batch, noting each valid event's {@code occurredAt} as they decide
	 * it; forwards everything else unchanged (a new method on {@link EventRules} must be
	 * forwarded here too).
	 */
	static final class OccurredAt<E extends Event> implements EventRules<E> {

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

}
