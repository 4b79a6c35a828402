package com.studytracker.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Delivery;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.Rejection;
import com.studytracker.ingest.BatchIngestion;

import org.springframework.stereotype.Service;

/**
 * Turns a batch of SessionLogged records into rows: one query each finds stored sessions,
 * waiting sessions and the referenced topics; sessions whose topic is not stored yet are
 * parked (see {@link PendingSessionResolver}) so the partition keeps moving.
 */
@Service
public class SessionIngestion extends BatchIngestion<SessionLogged> {

	private final Sessions sessions;

	private final PendingSessions pendingSessions;

	private final TopicReferences topicReferences;

	SessionIngestion(Dependencies dependencies, Sessions sessions, PendingSessions pendingSessions,
			TopicReferences topicReferences) {
		super(EventType.SESSION_LOGGED, SessionLogged.class, dependencies);
		this.sessions = sessions;
		this.pendingSessions = pendingSessions;
		this.topicReferences = topicReferences;
	}

	@Override
	protected List<Outcome> store(List<Item<SessionLogged>> items) {
		return this.transaction.execute(status -> {
			Instant now = this.clock.instant();
			List<SessionLogged> events = items.stream().map(Item::event).filter(Objects::nonNull).toList();
			List<UUID> eventIds = events.stream().map(SessionLogged::eventId).toList();
			Map<UUID, Session> stored = new HashMap<>();
			Map<UUID, PendingSession> waiting = new HashMap<>();
			if (!eventIds.isEmpty()) {
				this.sessions.findByEventIdIn(eventIds).forEach(session -> stored.put(session.eventId(), session));
				this.pendingSessions.findByEventIdIn(eventIds)
					.forEach(pending -> waiting.put(pending.getId(), pending));
			}
			TopicReferences.Resolved topics = this.topicReferences.resolve(events);
			List<Function<Map<UUID, Instant>, Outcome>> outcomes = new ArrayList<>(items.size());
			Set<UUID> rejected = new HashSet<>();
			for (Item<SessionLogged> item : items) {
				Delivery delivery = item.delivery();
				SessionLogged event = item.event();
				if (event == null) {
					rejected.add(item.eventId());
					Rejection invalid = Rejection.invalid(item.violations());
					outcomes.add(rejectedAt -> rejected(delivery, item.eventId(), invalid, rejectedAt));
					continue;
				}
				Integer topicId = topics.topicIdOf(event);
				Session session = stored.get(event.eventId());
				PendingSession pending = waiting.get(event.eventId());
				if (session == null && pending == null) {
					if (topicId != null) {
						session = this.sessions.save(Session.of(event, topicId, now));
						stored.put(event.eventId(), session);
					}
					else {
						pending = this.pendingSessions.save(PendingSession.waitingForTopic(event, delivery, now));
						waiting.put(event.eventId(), pending);
					}
				}
				List<String> differences = (session != null) ? session.differencesFrom(event, topicId)
						: pending.sameContentAs(event) ? List.of() : List.of("content");
				if (!differences.isEmpty()) {
					rejected.add(event.eventId());
					Rejection conflict = Rejection.conflict(String.join(", ", differences));
					outcomes.add(rejectedAt -> rejected(delivery, event.eventId(), conflict, rejectedAt));
				}
				else if (session != null) {
					Outcome accepted = accepted(delivery, session);
					outcomes.add(rejectedAt -> accepted);
				}
				else {
					outcomes.add(rejectedAt -> new Outcome.Deferred(delivery));
				}
			}
			Map<UUID, Instant> rejectedAt = recordRejections(rejected, now);
			this.sessions.flush();
			return outcomes.stream().map(outcome -> outcome.apply(rejectedAt)).toList();
		});
	}

	static Outcome accepted(Delivery delivery, Session session) {
		return new Outcome.Accepted(delivery,
				Confirmation.sessionAccepted(session.eventId(), session.topicId(), session.id(), session.createdAt()));
	}

}
