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
 * parked sessions and the referenced topics. A session naming a topic by an id that is
 * not stored is rejected at once; one naming a topic by its eventId waits, parked (see
 * {@link PendingSessionResolver}), so the partition keeps moving.
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
			Map<UUID, ParkedSession> parked = new HashMap<>();
			if (!eventIds.isEmpty()) {
				// Parked rows first, locked: a sweep settling one of them finishes (or
				// waits) before we read its outcome.
				if (!this.pendingSessions.lockByEventIdIn(eventIds).isEmpty()) {
					this.pendingSessions.findParkedByEventIdIn(eventIds)
						.forEach(session -> parked.put(session.eventId(), session));
				}
				this.sessions.findByEventIdIn(eventIds).forEach(session -> stored.put(session.eventId(), session));
			}
			TopicReferences.Resolved topics = this.topicReferences.resolve(events);
			List<Function<Map<UUID, Instant>, Outcome>> outcomes = new ArrayList<>(items.size());
			Set<UUID> rejected = new HashSet<>();
			for (Item<SessionLogged> item : items) {
				Delivery delivery = item.delivery();
				SessionLogged event = item.event();
				Rejection rejection = (event != null) ? null : Rejection.invalid(item.violations());
				Outcome settled = null;
				if (event != null) {
					Integer topicId = topics.topicIdOf(event);
					Session session = stored.get(event.eventId());
					ParkedSession waiting = parked.get(event.eventId());
					if (session == null && waiting == null) {
						if (topicId != null) {
							session = this.sessions.save(Session.of(event, topicId, now));
							stored.put(event.eventId(), session);
						}
						else if (event.topicId() != null) {
							rejection = Rejection.noTopicWithId(event.topicId());
						}
						else {
							waiting = this.pendingSessions.save(PendingSession.waitingForTopic(event, delivery, now))
								.parked();
							parked.put(event.eventId(), waiting);
						}
					}
					List<String> differences = (session != null) ? session.differencesFrom(event, topicId)
							: (waiting != null) ? waiting.differencesFrom(event) : List.of();
					if (!differences.isEmpty()) {
						rejection = Rejection.conflict(String.join(", ", differences));
					}
					else if (session != null) {
						settled = accepted(delivery, session);
					}
					else if (waiting != null && waiting.isRejected()) {
						rejection = PendingSessionResolver.expired(waiting);
					}
					else if (waiting != null) {
						settled = new Outcome.Deferred(delivery);
					}
				}
				if (rejection != null) {
					UUID eventId = item.eventId();
					Rejection reason = rejection;
					rejected.add(eventId);
					outcomes.add(rejectedAt -> rejected(delivery, eventId, reason, rejectedAt));
				}
				else {
					Outcome outcome = settled;
					outcomes.add(rejectedAt -> outcome);
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
