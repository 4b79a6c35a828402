package com.studytracker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.Outcome;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What one sweep decides about the parked sessions it claims, recorded in the caller's
 * transaction: a session whose topic is stored is inserted; one already decided keeps its
 * decision; one named by a topic id that is not stored, or whose grace period ended
 * before {@code expiredBefore}, is marked rejected.
 */
@Component
class SweepDecisions {

	/** How long other sweeps leave claimed sessions alone while they are published. */
	private static final Duration CLAIM = Duration.ofSeconds(60);

	private final PendingSessions pendingSessions;

	private final Sessions sessions;

	private final TopicReferences topicReferences;

	private final SessionRows rows;

	private final Settlements settlements;

	private final StudyTrackerProperties.Pending settings;

	SweepDecisions(PendingSessions pendingSessions, Sessions sessions, TopicReferences topicReferences,
			SessionRows rows, Settlements settlements, StudyTrackerProperties properties) {
		this.rows = rows;
		this.pendingSessions = pendingSessions;
		this.sessions = sessions;
		this.topicReferences = topicReferences;
		this.settlements = settlements;
		this.settings = properties.pending();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Settlement decide(Instant now, Instant expiredBefore) {
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
		List<SessionRows.New> arrived = parked.stream()
			.filter(session -> !session.isRejected() && !stored.containsKey(session.eventId()))
			.filter(session -> topics.topicIdOf(session.event()) != null)
			.map(session -> new SessionRows.New(session.event(), topics.topicIdOf(session.event())))
			.toList();
		stored.putAll(this.rows.insert(arrived, now));
		List<Outcome> accepted = new ArrayList<>();
		List<ParkedSession> rejected = new ArrayList<>();
		List<UUID> newlyRejected = new ArrayList<>();
		for (ParkedSession session : parked) {
			Session row = stored.get(session.eventId());
			if (session.isRejected()) {
				rejected.add(session);
			}
			else if (row != null) {
				accepted.add(new Outcome.Accepted(session.record().delivery(null, null, null),
						SessionLoggedRules.accepted(row)));
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
