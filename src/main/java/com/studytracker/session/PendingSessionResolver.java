package com.studytracker.session;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.EventType;
import com.studytracker.contract.OutcomePublisher;
import com.studytracker.database.IndexScans;
import com.studytracker.topic.TopicsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles parked sessions: accepts those whose topic has arrived; rejects as
 * UNKNOWN_TOPIC those whose grace period ended before the TopicCreated stream was
 * consumed that far. Each decision is recorded (session row, or {@code rejected_at}) in
 * the transaction that makes it ({@link SweepDecisions}), then published, then the parked
 * row is deleted; a crash in between re-publishes the same decision with identical bytes,
 * never a new one.
 */
@Component
class PendingSessionResolver {

	private static final Logger log = LoggerFactory.getLogger(PendingSessionResolver.class);

	private final PendingSessions pendingSessions;

	private final SweepDecisions decisions;

	private final Settlements settlements;

	private final OutcomePublisher publisher;

	private final TopicCreatedStream topicCreatedStream;

	private final TransactionTemplate transaction;

	private final IndexScans indexScans;

	private final Clock clock;

	private final StudyTrackerProperties.Pending settings;

	private final AtomicBoolean topicsArrived = new AtomicBoolean();

	private volatile Instant nextRoutineSweep = Instant.MIN;

	PendingSessionResolver(PendingSessions pendingSessions, SweepDecisions decisions, Settlements settlements,
			OutcomePublisher publisher, TopicCreatedStream topicCreatedStream, TransactionTemplate transaction,
			IndexScans indexScans, Clock clock, StudyTrackerProperties properties) {
		this.pendingSessions = pendingSessions;
		this.decisions = decisions;
		this.settlements = settlements;
		this.publisher = publisher;
		this.topicCreatedStream = topicCreatedStream;
		this.transaction = transaction;
		this.indexScans = indexScans;
		this.clock = clock;
		this.settings = properties.pending();
	}

	@EventListener
	void onTopicsStored(TopicsStored event) {
		this.topicsArrived.set(true);
	}

	/** Ticks often, sweeps when topics arrived or the routine interval has passed. */
	@Scheduled(fixedDelay = 50)
	void tick() {
		Instant now = this.clock.instant();
		if (!this.topicsArrived.getAndSet(false) && now.isBefore(this.nextRoutineSweep)) {
			return;
		}
		this.nextRoutineSweep = now.plus(this.settings.sweepInterval());
		try {
			while (sweep() > 0) {
				// settled some: there may be more ready right now
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sweep of waiting sessions failed, will retry: {}", ex.getClass().getName());
		}
	}

	/**
	 * Settles what it can of the next parked sessions; returns how many it settled.
	 */
	int sweep() {
		Instant now = this.clock.instant();
		// Asked only while some session waits past its grace period: it costs broker
		// calls.
		Instant consumedUpTo = indexed(
				() -> this.pendingSessions.existsByFirstSeenAtBefore(now.minus(this.settings.gracePeriod())))
						? this.topicCreatedStream.consumedUpTo() : null;
		Instant expiredBefore = (consumedUpTo != null)
				? (consumedUpTo.isBefore(now) ? consumedUpTo : now).minus(this.settings.gracePeriod()) : Instant.EPOCH;
		Settlement settlement = indexed(() -> this.decisions.decide(now, expiredBefore));
		if (settlement.isEmpty()) {
			return 0;
		}
		this.publisher.publish(EventType.SESSION_LOGGED, this.settlements.outcomes(settlement));
		indexed(() -> this.pendingSessions.deleteByEventIdIn(settlement.eventIds()));
		log.debug("Settled {} parked sessions", settlement.eventIds().size());
		return settlement.eventIds().size();
	}

	/**
	 * In a transaction of its own, planned with indexes: {@code pending_sessions} is a
	 * queue, thousands of pages of dead rows after a burst of parking.
	 */
	private <T> T indexed(Supplier<T> work) {
		return this.transaction.execute(status -> {
			this.indexScans.forThisTransaction();
			return work.get();
		});
	}

}
