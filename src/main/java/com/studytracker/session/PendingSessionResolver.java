package com.studytracker.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import com.studytracker.contract.Rejection;
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
 * the transaction that makes it, then published, then the parked row is deleted; a crash
 * in between re-publishes the same decision with identical bytes, never a new one.
 */
@Component
class PendingSessionResolver {

	private static final Logger log = LoggerFactory.getLogger(PendingSessionResolver.class);

	private static final Duration CLAIM = Duration.ofSeconds(60);

	private final PendingSessions pendingSessions;

	private final Sessions sessions;

	private final TopicReferences topicReferences;

	private final Settlements settlements;

	private final OutcomePublisher publisher;

	private final TopicCreatedStream topicCreatedStream;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final StudyTrackerProperties.Pending settings;

	private final AtomicBoolean topicsArrived = new AtomicBoolean();

	private volatile Instant nextRoutineSweep = Instant.MIN;

	PendingSessionResolver(PendingSessions pendingSessions, Sessions sessions, TopicReferences topicReferences,
			Settlements settlements, OutcomePublisher publisher, TopicCreatedStream topicCreatedStream,
			TransactionTemplate transaction, Clock clock, StudyTrackerProperties properties) {
		this.pendingSessions = pendingSessions;
		this.sessions = sessions;
		this.topicReferences = topicReferences;
		this.settlements = settlements;
		this.publisher = publisher;
		this.topicCreatedStream = topicCreatedStream;
		this.transaction = transaction;
		this.clock = clock;
		this.settings = properties.pending();
	}

	/**
	 * The rejection of a parked session whose topic never came: a pure function of it.
	 */
	static Rejection expired(ParkedSession parked) {
		return (parked.topicId() != null) ? Rejection.noTopicWithId(parked.topicId())
				: Rejection.unknownTopic("created by event " + parked.topicEventId());
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
	 * Settles what it can of the next batch of parked sessions; returns how many it
	 * settled.
	 */
	int sweep() {
		Instant now = this.clock.instant();
		// Asked only while some session waits past its grace period: it costs broker
		// calls.
		Instant consumedUpTo = this.pendingSessions.existsByFirstSeenAtBefore(now.minus(this.settings.gracePeriod()))
				? this.topicCreatedStream.consumedUpTo() : null;
		Instant expiredBefore = (consumedUpTo != null)
				? (consumedUpTo.isBefore(now) ? consumedUpTo : now).minus(this.settings.gracePeriod()) : Instant.EPOCH;
		Settlement settlement = this.transaction.execute(status -> decide(now, expiredBefore));
		if (settlement.isEmpty()) {
			return 0;
		}
		this.publisher.publish(EventType.SESSION_LOGGED, this.settlements.outcomes(settlement));
		this.transaction.executeWithoutResult(status -> this.pendingSessions.deleteByEventIdIn(settlement.eventIds()));
		log.debug("Settled {} parked sessions", settlement.eventIds().size());
		return settlement.eventIds().size();
	}

	private Settlement decide(Instant now, Instant expiredBefore) {
		List<UUID> claimed = withinBudget(
				this.pendingSessions.lockSettleable(now, expiredBefore, this.settings.sweepBatchSize()));
		if (claimed.isEmpty()) {
			return Settlement.NONE;
		}
		List<ParkedSession> parked = this.pendingSessions.findParkedByEventIdIn(claimed);
		TopicReferences.Resolved topics = this.topicReferences
			.resolve(parked.stream().map(ParkedSession::event).toList());
		Map<UUID, Session> stored = new HashMap<>();
		this.sessions.findByEventIdIn(claimed).forEach(session -> stored.put(session.eventId(), session));
		List<Outcome> accepted = new ArrayList<>();
		List<ParkedSession> rejected = new ArrayList<>();
		List<UUID> newlyRejected = new ArrayList<>();
		for (ParkedSession session : parked) {
			Session row = stored.get(session.eventId());
			Integer topicId = topics.topicIdOf(session.event());
			if (session.isRejected()) {
				rejected.add(session);
			}
			else if (row != null || topicId != null) {
				Session kept = (row != null) ? row : this.sessions.save(Session.of(session.event(), topicId, now));
				accepted.add(
						new Outcome.Accepted(session.record().delivery(null, null), SessionLoggedRules.accepted(kept)));
			}
			else if (session.topicId() != null || session.firstSeenAt().isBefore(expiredBefore)) {
				rejected.add(session);
				newlyRejected.add(session.eventId());
			}
		}
		if (!newlyRejected.isEmpty()) {
			this.pendingSessions.markRejected(newlyRejected, now);
		}
		Settlement settlement = this.settlements.record(accepted, rejected, now);
		this.sessions.flush();
		this.pendingSessions.claimUntil(settlement.eventIds(), now.plus(CLAIM));
		return settlement;
	}

	/** Claims sessions until their records reach the byte budget, at least one. */
	private List<UUID> withinBudget(List<Object[]> candidates) {
		long budget = this.settings.sweepMaxBytes().toBytes();
		long bytes = 0;
		List<UUID> claimed = new ArrayList<>();
		for (Object[] candidate : candidates) {
			bytes += ((Number) candidate[1]).longValue();
			if (!claimed.isEmpty() && bytes > budget) {
				break;
			}
			claimed.add((UUID) candidate[0]);
		}
		return claimed;
	}

}
