package com.studytracker.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * SessionLogged in the ingestion pipeline: one query each finds stored sessions, parked
 * sessions and the referenced topics. A session naming a topic by an id that is not
 * stored is rejected at once; one naming a topic by its eventId waits, parked (see
 * {@link PendingSessionResolver}), so the partition keeps moving.
 */
@Component
public class SessionLoggedRules implements EventRules<SessionLogged> {

	private final Sessions sessions;

	private final PendingSessions pendingSessions;

	private final TopicReferences topicReferences;

	SessionLoggedRules(Sessions sessions, PendingSessions pendingSessions, TopicReferences topicReferences) {
		this.sessions = sessions;
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
		Map<UUID, Session> stored = new HashMap<>();
		Map<UUID, ParkedSession> parked = new HashMap<>();
		if (!eventIds.isEmpty()) {
			// Parked rows first, locked: a sweep settling one of them finishes (or waits)
			// before we read its outcome.
			if (!this.pendingSessions.lockByEventIdIn(eventIds).isEmpty()) {
				this.pendingSessions.findParkedByEventIdIn(eventIds)
					.forEach(session -> parked.put(session.eventId(), session));
			}
			this.sessions.findByEventIdIn(eventIds).forEach(session -> stored.put(session.eventId(), session));
		}
		TopicReferences.Resolved topics = this.topicReferences.resolve(events);
		List<Decision> decisions = new ArrayList<>(received.size());
		for (Received<SessionLogged> each : received) {
			SessionLogged event = each.event();
			Integer topicId = topics.topicIdOf(event);
			Session session = stored.get(event.eventId());
			ParkedSession waiting = parked.get(event.eventId());
			if (session == null && waiting == null) {
				if (topicId != null) {
					session = this.sessions.save(Session.of(event, topicId, now));
					stored.put(event.eventId(), session);
				}
				else if (event.topicId() != null) {
					decisions.add(new Decision.Reject(Rejection.noTopicWithId(event.topicId())));
					continue;
				}
				else {
					waiting = this.pendingSessions.save(PendingSession.waitingForTopic(event, each.delivery(), now))
						.parked();
					parked.put(event.eventId(), waiting);
				}
			}
			decisions.add((session != null) ? decide(event, session, topicId) : decide(event, waiting));
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
