package com.studytracker.messaging;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What the listeners measure per batch: its size and duration, failures and retries, and
 * how old its events are when their batch is committed. Meters are created once; a batch
 * costs a few map lookups and two timer recordings per record. The event ages are their
 * own class ({@link EventAges}); this one is the listeners' single entry point.
 */
@Component
class BatchMetrics {

	private static final String TYPE = "type";

	private final Map<EventType, Meters> meters = new EnumMap<>(EventType.class);

	/**
	 * Whether the last batch on this consumer thread failed: the next one is its retry.
	 */
	private final ThreadLocal<Boolean> lastBatchFailed = ThreadLocal.withInitial(() -> false);

	private final EventAges eventAges;

	BatchMetrics(MeterRegistry registry) {
		for (EventType type : EventType.values()) {
			this.meters.put(type, new Meters(OutcomeCounters.tagValue(type.name()), registry));
		}
		this.eventAges = new EventAges(registry);
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
		this.eventAges.committed(type, outcomes, occurredAt);
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

	}

}
