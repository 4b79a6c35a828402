package com.studytracker.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Rejection;
import com.studytracker.ingest.Decision;
import com.studytracker.ingest.EventRules;

import org.springframework.stereotype.Component;

/**
 * SessionLogged in the ingestion pipeline: one query each finds parked sessions and the
 * referenced topics, and one statement inserts the new sessions, reading back those
 * stored before. A session naming a topic by an id that is not stored is rejected at
 * once; one naming a topic by its eventId waits, parked (see
 * {@link PendingSessionResolver}), so the partition keeps moving.
 */
@Component
public class SessionLoggedRules implements EventRules<SessionLogged> {

	private final Sessions sessions;

	private final PendingSessions pendingSessions;

	private final TopicReferences topicReferences;

	private final ParkedSessionLocks parkedLocks;

	private final SessionRows rows;

	private final ParkedCopies copies;

	SessionLoggedRules(Sessions sessions, PendingSessions pendingSessions, TopicReferences topicReferences,
			ParkedSessionLocks parkedLocks, SessionRows rows, ParkedCopies copies) {
		this.sessions = sessions;
		this.parkedLocks = parkedLocks;
		this.rows = rows;
		this.copies = copies;
		this.pendingSessions = pendingSessions;
		this.topicReferences = topicReferences;
	}

	@Override
	public EventType type() {
		return EventType.SESSION_LOGGED;
	}

	@Override
	public Class<SessionLogged> eventClass() {
		return SessionLogged.class;
	}

	@Override
	public List<Decision> decide(List<Received<SessionLogged>> received, Instant now) {
		List<SessionLogged> events = received.stream().map(Received::event).toList();
		List<UUID> eventIds = events.stream().map(SessionLogged::eventId).toList();
		Map<UUID, ParkedSession> parked = new HashMap<>();
		// Parked rows first, locked: a sweep settling one of them finishes (or waits)
		// before we read its outcome.
		if (!eventIds.isEmpty() && !this.parkedLocks.lock(eventIds).isEmpty()) {
			this.pendingSessions.findParkedByEventIdIn(eventIds)
				.forEach(session -> parked.put(session.eventId(), session));
		}
		TopicReferences.Resolved topics = this.topicReferences.resolve(events);
		// A session with a stored topic is inserted and, if it was stored before, read
		// back (ON CONFLICT DO NOTHING): no look-up first. Only one whose topic cannot be
		// resolved is looked up now, as it may be stored with another topic reference
		// (a conflict), and must not be parked or rejected for an unknown topic then.
		Map<UUID, Session> stored = new HashMap<>();
		List<UUID> unresolved = events.stream()
			.filter(event -> topics.topicIdOf(event) == null)
			.map(SessionLogged::eventId)
			.toList();
		if (!unresolved.isEmpty()) {
			this.sessions.findByEventIdIn(unresolved).forEach(session -> stored.put(session.eventId(), session));
		}
		// The first of each new event id is stored or parked; later ones compare with it.
		Map<UUID, SessionRows.New> fresh = new LinkedHashMap<>();
		for (Received<SessionLogged> each : received) {
			SessionLogged event = each.event();
			Integer topicId = topics.topicIdOf(event);
			if (stored.containsKey(event.eventId()) || parked.containsKey(event.eventId())
					|| fresh.containsKey(event.eventId())) {
				continue;
			}
			if (topicId != null) {
				fresh.put(event.eventId(), new SessionRows.New(event, topicId));
			}
			else if (event.topicId() == null) {
				parked.put(event.eventId(),
						this.pendingSessions.save(PendingSession.waitingForTopic(event, each.delivery(), now))
							.parked());
			}
		}
		stored.putAll(this.rows.insert(fresh.values(), now));
		List<Decision> decisions = new ArrayList<>(received.size());
		for (Received<SessionLogged> each : received) {
			SessionLogged event = each.event();
			Session session = stored.get(event.eventId());
			ParkedSession waiting = parked.get(event.eventId());
			Decision decision = (session != null) ? decide(event, session, topics.topicIdOf(event)) : (waiting != null)
					? decide(event, waiting) : new Decision.Reject(Rejection.noTopicWithId(event.topicId()));
			if (decision instanceof Decision.Defer && !waiting.record().isFrom(each.delivery())) {
				// Sent again while the first copy waits: answered when it is settled.
				this.copies.keep(event.eventId(), each.delivery());
			}
			decisions.add(decision);
		}
		return decisions;
	}

	private static Decision decide(SessionLogged event, Session session, Integer topicId) {
		List<String> differences = session.differencesFrom(event, topicId);
		return differences.isEmpty() ? new Decision.Accept(accepted(session))
				: new Decision.Reject(Rejection.conflict(String.join(", ", differences)));
	}

	private static Decision decide(SessionLogged event, ParkedSession waiting) {
		List<String> differences = waiting.differencesFrom(event);
		if (!differences.isEmpty()) {
			return new Decision.Reject(Rejection.conflict(String.join(", ", differences)));
		}
		return waiting.isRejected() ? new Decision.Reject(waiting.rejection()) : new Decision.Defer();
	}

	static Confirmation accepted(Session session) {
		return Confirmation.sessionAccepted(session.eventId(), session.topicId(), session.id(), session.createdAt());
	}

}
