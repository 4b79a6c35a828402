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
import com.studytracker.contract.Confirmation;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import com.studytracker.contract.Rejection;
import com.studytracker.ingest.RejectionLog;
import com.studytracker.topic.TopicsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles parked sessions: accepts those whose topic has arrived, rejects as
 * UNKNOWN_TOPIC those that waited past the grace period while the TopicCreated stream was
 * fully consumed. A parked row is deleted only after its confirmation is acknowledged, so
 * a crash in between just settles it again with identical bytes (the session row, or the
 * first rejection time, is already stored).
 */
@Component
class PendingSessionResolver {

	private static final Logger log = LoggerFactory.getLogger(PendingSessionResolver.class);

	private static final Duration CLAIM = Duration.ofSeconds(60);

	private final PendingSessions pendingSessions;

	private final Sessions sessions;

	private final TopicReferences topicReferences;

	private final RejectionLog rejections;

	private final OutcomePublisher publisher;

	private final TopicBacklog topicBacklog;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final StudyTrackerProperties.Pending settings;

	private final AtomicBoolean topicsArrived = new AtomicBoolean();

	private volatile Instant nextRoutineSweep = Instant.MIN;

	PendingSessionResolver(PendingSessions pendingSessions, Sessions sessions, TopicReferences topicReferences,
			RejectionLog rejections, OutcomePublisher publisher, TopicBacklog topicBacklog,
			TransactionTemplate transaction, Clock clock, StudyTrackerProperties properties) {
		this.pendingSessions = pendingSessions;
		this.sessions = sessions;
		this.topicReferences = topicReferences;
		this.rejections = rejections;
		this.publisher = publisher;
		this.topicBacklog = topicBacklog;
		this.transaction = transaction;
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
			while (sweep() == this.settings.sweepBatchSize()) {
				// a full batch settled: there may be more ready right now
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sweep of waiting sessions failed, will retry: {}", ex.toString());
		}
	}

	/**
	 * Settles what it can of the next batch of waiting sessions; returns how many it
	 * settled.
	 */
	int sweep() {
		Instant now = this.clock.instant();
		// Checked before the topics are looked up: a caught-up stream means every topic
		// sent so far is stored.
		boolean mayReject = this.pendingSessions.existsByFirstSeenAtBefore(now.minus(this.settings.gracePeriod()))
				&& this.topicBacklog.isCaughtUp();
		List<UUID> settled = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		Instant expiredBefore = mayReject ? now.minus(this.settings.gracePeriod()) : Instant.EPOCH;
		this.transaction.executeWithoutResult(status -> {
			List<PendingSession> claimed = this.pendingSessions.lockSettleable(now, expiredBefore,
					this.settings.sweepBatchSize());
			if (claimed.isEmpty()) {
				return;
			}
			List<SessionLogged> events = claimed.stream().map(PendingSession::event).toList();
			TopicReferences.Resolved topics = this.topicReferences.resolve(events);
			Map<UUID, Session> stored = new HashMap<>();
			this.sessions.findByEventIdIn(events.stream().map(SessionLogged::eventId).toList())
				.forEach(session -> stored.put(session.eventId(), session));
			List<PendingSession> expired = new ArrayList<>();
			for (PendingSession pending : claimed) {
				SessionLogged event = pending.event();
				Session session = stored.get(event.eventId());
				Integer topicId = topics.topicIdOf(event);
				if (session == null && topicId != null) {
					session = this.sessions.save(Session.of(event, topicId, now));
				}
				if (session != null) {
					outcomes.add(SessionIngestion.accepted(pending.delivery(), session));
				}
				else if (mayReject && pending.hasWaitedLongerThan(this.settings.gracePeriod(), now)) {
					expired.add(pending);
					continue;
				}
				else {
					pending.release();
					continue;
				}
				pending.claimUntil(now.plus(CLAIM));
				settled.add(event.eventId());
			}
			Map<UUID, Instant> rejectedAt = this.rejections.record(EventType.SESSION_LOGGED,
					expired.stream().map(PendingSession::getId).toList(), now);
			for (PendingSession pending : expired) {
				Rejection unknown = Rejection.unknownTopic(pending.event().topicReference());
				outcomes.add(new Outcome.Rejected(pending.delivery(),
						Confirmation.rejected(pending.getId(), unknown, rejectedAt.get(pending.getId()))));
				pending.claimUntil(now.plus(CLAIM));
				settled.add(pending.getId());
			}
		});
		if (!outcomes.isEmpty()) {
			this.publisher.publish(EventType.SESSION_LOGGED, outcomes);
			this.transaction.executeWithoutResult(status -> this.pendingSessions.deleteByEventIdIn(settled));
			log.debug("Settled {} waiting sessions", settled.size());
		}
		return settled.size();
	}

}
