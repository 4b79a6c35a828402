package com.studytracker.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.ingest.SqlTimestamps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the parked sessions visible: how many, how old the oldest, and how many waited
 * more than twice their grace period without a decision (the TopicCreated stream is not
 * consumed far enough to reject them), which is also logged at WARN.
 */
@Component
class PendingSessionMetrics {

	private static final Logger log = LoggerFactory.getLogger(PendingSessionMetrics.class);

	private static final Duration WARN_EVERY = Duration.ofMinutes(1);

	private final PendingSessions pendingSessions;

	private final Clock clock;

	private final Duration gracePeriod;

	private volatile long parked;

	private volatile double oldestSeconds;

	private volatile long undecided;

	private Instant lastWarning = Instant.MIN;

	PendingSessionMetrics(PendingSessions pendingSessions, Clock clock, StudyTrackerProperties properties,
			MeterRegistry meters) {
		this.pendingSessions = pendingSessions;
		this.clock = clock;
		this.gracePeriod = properties.pending().gracePeriod();
		Gauge.builder("studytracker.pending.sessions", () -> this.parked)
			.description("Sessions parked until their topic arrives")
			.register(meters);
		Gauge.builder("studytracker.pending.oldest.age", () -> this.oldestSeconds)
			.description("Age of the oldest parked session")
			.baseUnit("seconds")
			.register(meters);
		Gauge.builder("studytracker.pending.undecided", () -> this.undecided)
			.description("Parked sessions past twice their grace period that cannot be decided yet")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${studytracker.pending.sweep-interval}")
	void refresh() {
		Instant now = this.clock.instant();
		try {
			List<Object[]> rows = this.pendingSessions.statistics(now.minus(this.gracePeriod.multipliedBy(2)));
			Object[] row = rows.get(0);
			this.parked = ((Number) row[0]).longValue();
			this.oldestSeconds = (row[1] != null)
					? Duration.between(SqlTimestamps.toInstant(row[1]), now).toMillis() / 1000.0 : 0;
			this.undecided = ((Number) row[2]).longValue();
		}
		catch (RuntimeException ex) {
			log.debug("Cannot count parked sessions: {}", ex.getClass().getName());
			return;
		}
		if (this.undecided > 0 && now.isAfter(this.lastWarning.plus(WARN_EVERY))) {
			this.lastWarning = now;
			log.warn("{} parked sessions waited more than twice the grace period ({}) and cannot be decided yet: "
					+ "the TopicCreated stream is not known to be consumed up to their deadline "
					+ "(consumer group lag, or the broker unreachable)", this.undecided, this.gracePeriod);
		}
	}

}
