package com.studytracker.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read API's queries on sessions, straight to their views: one statement per request,
 * no transaction, no persistence context (reads never change an entity, and a request
 * that ingestion's CPU must share should not pay for Hibernate's). Each statement also
 * tells an unknown topic (no row at all) from a topic without matching sessions (one row
 * of nulls), so a 404 costs no second query. Both are one range of
 * {@code ix_sessions_topic_id_study_date_id} (V14).
 */
@Component
class SessionReads {

	private final JdbcClient jdbc;

	SessionReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code limit} sessions of a topic after the position (afterDate, afterId) in
	 * (study_date, id) order, up to study date {@code to} inclusive; empty if there is no
	 * such topic.
	 */
	Optional<List<SessionView>> pageOf(int topicId, LocalDate afterDate, int afterId, LocalDate to, int limit) {
		return this.jdbc.sql("""
				select s.id, s.event_id, s.study_date, s.duration_minutes, s.notes, s.occurred_at, s.created_at
				from topics t left join lateral (
				    select * from sessions
				    where topic_id = t.id and (study_date, id) > (:afterDate, :afterId) and study_date <= :to
				    order by study_date, id limit :limit) s on true
				where t.id = :topicId
				order by s.study_date, s.id""")
			.param("topicId", topicId)
			.param("afterDate", afterDate)
			.param("afterId", afterId)
			.param("to", to)
			.param("limit", limit)
			.query((ResultSet rows) -> rows.next() ? Optional.of(sessions(topicId, rows)) : Optional.empty());
	}

	/**
	 * A topic's sessions and minutes per study date, in date order (an index-only scan);
	 * empty if there is no such topic.
	 */
	Optional<List<DayTotal>> dayTotalsOf(int topicId) {
		return this.jdbc.sql("""
				select d.study_date, d.sessions, d.minutes
				from topics t left join lateral (
				    select study_date, count(*) as sessions, sum(duration_minutes) as minutes
				    from sessions where topic_id = t.id group by study_date) d on true
				where t.id = :topicId
				order by d.study_date""")
			.param("topicId", topicId)
			.query((ResultSet rows) -> rows.next() ? Optional.of(dayTotals(rows)) : Optional.empty());
	}

	// The cursor is on the first row, which is all nulls for a topic without matches.

	private static List<SessionView> sessions(int topicId, ResultSet rows) throws SQLException {
		List<SessionView> sessions = new ArrayList<>();
		if (rows.getObject("id") == null) {
			return sessions;
		}
		do {
			sessions.add(new SessionView(rows.getInt("id"), topicId, rows.getObject("event_id", UUID.class),
					rows.getObject("study_date", LocalDate.class), rows.getInt("duration_minutes"),
					rows.getString("notes"), rows.getObject("occurred_at", OffsetDateTime.class).toInstant(),
					rows.getObject("created_at", OffsetDateTime.class).toInstant()));
		}
		while (rows.next());
		return sessions;
	}

	private static List<DayTotal> dayTotals(ResultSet rows) throws SQLException {
		List<DayTotal> days = new ArrayList<>();
		if (rows.getObject("study_date") == null) {
			return days;
		}
		do {
			days.add(new DayTotal(rows.getObject("study_date", LocalDate.class), rows.getLong("sessions"),
					rows.getLong("minutes")));
		}
		while (rows.next());
		return days;
	}

}
