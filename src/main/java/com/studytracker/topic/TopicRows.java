package com.studytracker.topic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.studytracker.ingest.UnnestInsert;
import com.studytracker.ingest.UnnestInsert.Column;

import org.springframework.stereotype.Component;

/** Inserts a batch of new topics with one statement (see {@link UnnestInsert}). */
@Component
class TopicRows {

	private static final String INSERT = """
			insert into topics (created_at, id, event_id, occurred_at, name, description)
			select ?::timestamptz, t.id, t.event_id, t.occurred_at::timestamptz, t.name, t.description
			from unnest(?::int4[], ?::uuid[], ?::text[], ?::text[], ?::text[])
			  as t(id, event_id, occurred_at, name, description)""";

	private final UnnestInsert unnest;

	TopicRows(UnnestInsert unnest) {
		this.unnest = unnest;
	}

	/**
	 * The topics it inserted, by event id; events stored meanwhile by another instance
	 * are left out.
	 */
	Map<UUID, Topic> insert(Collection<TopicCreated> events, Instant now) {
		Instant createdAt = now.truncatedTo(ChronoUnit.MICROS);
		Map<UUID, Integer> ids = this.unnest.insert(INSERT, "topics_id_seq", createdAt,
				events.stream().map(TopicCreated::eventId).toList(),
				Column.text(events, event -> event.occurredAt().toInstant().toString()),
				Column.text(events, TopicCreated::name), Column.text(events, TopicCreated::description));
		Map<UUID, Topic> inserted = new HashMap<>();
		for (TopicCreated event : events) {
			Integer id = ids.get(event.eventId());
			if (id != null) {
				inserted.put(event.eventId(), Topic.inserted(id, event, createdAt));
			}
		}
		return inserted;
	}

}
