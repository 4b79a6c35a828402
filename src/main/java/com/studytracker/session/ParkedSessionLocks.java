package com.studytracker.session;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks the parked rows of a batch's events, on the connection of the caller's
 * transaction, in a fixed order so two batches cannot deadlock: a re-send and a sweep
 * settling the same session take turns. {@code pending_sessions} churns: the caller's
 * transaction should plan with indexes ({@link com.studytracker.database.IndexScans}).
 */
@Component
class ParkedSessionLocks {

	private static final String LOCK = """
			select p.event_id from unnest(?::uuid[]) as e(id) join pending_sessions p on p.event_id = e.id
			order by p.event_id for update of p""";

	private final JdbcClient jdbc;

	ParkedSessionLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The event ids among these that are parked, now locked. */
	List<UUID> lock(Collection<UUID> eventIds) {
		if (eventIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(LOCK).param(eventIds.toArray(UUID[]::new)).query(UUID.class).list();
	}

}
