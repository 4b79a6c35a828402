package com.studytracker.topic;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks up whole batches of topic references at once, for sessions that name their topic.
 * One array parameter per statement ({@code = any(?)}): the statement text is the same
 * for every batch size, so PostgreSQL prepares it once per connection and Hibernate does
 * not interpret a new query for each size of an {@code in (…)} list. Runs on the
 * connection of the caller's transaction, which should plan with indexes
 * ({@link com.studytracker.database.IndexScans}).
 */
@Component
public class TopicDirectory {

	private final JdbcClient jdbc;

	TopicDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Map<UUID, Integer> idsByEventId(Collection<UUID> topicEventIds) {
		Map<UUID, Integer> ids = new HashMap<>();
		if (!topicEventIds.isEmpty()) {
			this.jdbc.sql("select event_id, id from topics where event_id = any(?)")
				.param(topicEventIds.toArray(UUID[]::new))
				.query(row -> {
					ids.put(row.getObject(1, UUID.class), row.getInt(2));
				});
		}
		return ids;
	}

	public Set<Integer> existing(Collection<Integer> topicIds) {
		Set<Integer> existing = new HashSet<>();
		if (!topicIds.isEmpty()) {
			this.jdbc.sql("select id from topics where id = any(?)")
				.param(topicIds.toArray(Integer[]::new))
				.query(row -> {
					existing.add(row.getInt(1));
				});
		}
		return existing;
	}

}
