package com.studytracker.session;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGStatement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Locks the parked rows of a batch's events, on the connection of the caller's
 * transaction, in a fixed order so two batches cannot deadlock: a re-send and a sweep
 * settling the same session take turns.
 *
 * <p>
 * {@code pending_sessions} is nearly always empty, but a burst of parking (a backlog
 * whose sessions run ahead of their topics) leaves it thousands of pages long until
 * autovacuum comes by. A plan cached while it was small scanned it whole for every batch
 * (2 ms each, measured with pg_stat_statements), so the statement is planned at each
 * execution ({@code prepareThreshold=0}), for the array at hand and the table as it is:
 * index probes for a few ids, a hash join for thousands.
 */
@Component
class ParkedSessionLocks {

	private static final String LOCK = """
			select p.event_id from unnest(?::uuid[]) as e(id) join pending_sessions p on p.event_id = e.id
			order by p.event_id for update of p""";

	private final JdbcTemplate jdbc;

	ParkedSessionLocks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The event ids among these that are parked, now locked. */
	List<UUID> lock(Collection<UUID> eventIds) {
		if (eventIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query(connection -> {
			PreparedStatement statement = connection.prepareStatement(LOCK);
			statement.unwrap(PGStatement.class).setPrepareThreshold(0);
			statement.setObject(1, eventIds.toArray(UUID[]::new));
			return statement;
		}, (row, rowNumber) -> row.getObject(1, UUID.class));
	}

}
