package com.studytracker.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks the parked rows of a batch's events, on the connection of the caller's
 * transaction, in a fixed order so two batches cannot deadlock: a re-send and a sweep
 * settling the same session take turns. One array parameter, so one prepared statement
 * whatever the batch size (see {@code topic.TopicDirectory}).
 */
@Component
class ParkedSessionLocks {

	private final JdbcClient jdbc;

	ParkedSessionLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The event ids among these that are parked, now locked. */
	List<UUID> lock(Collection<UUID> eventIds) {
		List<UUID> locked = new ArrayList<>();
		if (!eventIds.isEmpty()) {
			this.jdbc.sql("select event_id from pending_sessions where event_id = any(?) order by event_id for update")
				.param(eventIds.toArray(UUID[]::new))
				.query(row -> {
					locked.add(row.getObject(1, UUID.class));
				});
		}
		return locked;
	}

}
