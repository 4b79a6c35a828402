package com.studytracker.topic;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.Rejection;
import com.studytracker.ingest.Decision;
import com.studytracker.ingest.EventRules;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * TopicCreated in the ingestion pipeline: one statement inserts the batch's new topics;
 * an event stored before is read back and confirmed again if its content is the same, and
 * is a conflict otherwise.
 */
@Component
public class TopicCreatedRules implements EventRules<TopicCreated> {

	private final Topics topics;

	private final TopicRows rows;

	private final ApplicationEventPublisher events;

	TopicCreatedRules(Topics topics, TopicRows rows, ApplicationEventPublisher events) {
		this.topics = topics;
		this.rows = rows;
		this.events = events;
	}

	@Override
	public EventType type() {
		return EventType.TOPIC_CREATED;
	}

	@Override
	public Class<TopicCreated> eventClass() {
		return TopicCreated.class;
	}

	@Override
	public List<Decision> decide(List<Received<TopicCreated>> received, Instant now) {
		// No look-up first: the first of each event id is inserted (ON CONFLICT DO
		// NOTHING), those stored before are read back, and later ones in the batch
		// compare
		// with it.
		Map<UUID, TopicCreated> fresh = new LinkedHashMap<>();
		received.forEach(each -> fresh.putIfAbsent(each.event().eventId(), each.event()));
		Map<UUID, Topic> known = new HashMap<>();
		if (!fresh.isEmpty()) {
			known.putAll(this.rows.insert(fresh.values(), now));
			List<UUID> before = fresh.keySet().stream().filter(id -> !known.containsKey(id)).toList();
			if (!before.isEmpty()) {
				this.topics.findByEventIdIn(before).forEach(topic -> known.put(topic.eventId(), topic));
			}
		}
		return received.stream().map(Received::event).map(event -> {
			Topic topic = known.get(event.eventId());
			List<String> differences = topic.differencesFrom(event);
			return differences.isEmpty()
					? new Decision.Accept(Confirmation.topicAccepted(topic.eventId(), topic.id(), topic.createdAt()))
					: (Decision) new Decision.Reject(Rejection.conflict(String.join(", ", differences)));
		}).toList();
	}

	/** Sessions waiting for a topic may be resolvable now. */
	@Override
	public void committed(List<Outcome> outcomes) {
		if (outcomes.stream().anyMatch(Outcome.Accepted.class::isInstance)) {
			this.events.publishEvent(new TopicsStored());
		}
	}

}
