package com.studytracker.topic;

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

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Turns a batch of TopicCreated records into rows: one query finds the events already
 * stored, new topics are inserted in one batched transaction, and every record gets its
 * outcome.
 */
@Service
public class TopicIngestion extends BatchIngestion<TopicCreated> {

	private final Topics topics;

	private final ApplicationEventPublisher events;

	TopicIngestion(Dependencies dependencies, Topics topics, ApplicationEventPublisher events) {
		super(EventType.TOPIC_CREATED, TopicCreated.class, dependencies);
		this.topics = topics;
		this.events = events;
	}

	@Override
	public List<Outcome> ingest(List<Delivery> deliveries) {
		List<Outcome> outcomes = super.ingest(deliveries);
		if (outcomes.stream().anyMatch(Outcome.Accepted.class::isInstance)) {
			this.events.publishEvent(new TopicsStored());
		}
		return outcomes;
	}

	@Override
	protected List<Outcome> store(List<Item<TopicCreated>> items) {
		return this.transaction.execute(status -> {
			Instant now = this.clock.instant();
			List<UUID> eventIds = items.stream()
				.map(Item::event)
				.filter(Objects::nonNull)
				.map(TopicCreated::eventId)
				.toList();
			Map<UUID, Topic> known = new HashMap<>();
			if (!eventIds.isEmpty()) {
				this.topics.findByEventIdIn(eventIds).forEach(topic -> known.put(topic.eventId(), topic));
			}
			List<Function<Map<UUID, Instant>, Outcome>> outcomes = new ArrayList<>(items.size());
			Set<UUID> rejected = new HashSet<>();
			for (Item<TopicCreated> item : items) {
				Delivery delivery = item.delivery();
				TopicCreated event = item.event();
				if (event == null) {
					rejected.add(item.eventId());
					Rejection invalid = Rejection.invalid(item.violations());
					outcomes.add(rejectedAt -> rejected(delivery, item.eventId(), invalid, rejectedAt));
					continue;
				}
				Topic topic = known.computeIfAbsent(event.eventId(), id -> this.topics.save(Topic.from(event, now)));
				List<String> differences = topic.differencesFrom(event);
				if (differences.isEmpty()) {
					Outcome accepted = new Outcome.Accepted(delivery,
							Confirmation.topicAccepted(topic.eventId(), topic.id(), topic.createdAt()));
					outcomes.add(rejectedAt -> accepted);
				}
				else {
					rejected.add(event.eventId());
					Rejection conflict = Rejection.conflict(String.join(", ", differences));
					outcomes.add(rejectedAt -> rejected(delivery, event.eventId(), conflict, rejectedAt));
				}
			}
			Map<UUID, Instant> rejectedAt = recordRejections(rejected, now);
			this.topics.flush();
			return outcomes.stream().map(outcome -> outcome.apply(rejectedAt)).toList();
		});
	}

}
