package com.studytracker.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.ingest.UnnestInsert;
import com.studytracker.ingest.UnnestInsert.Column;

import org.springframework.stereotype.Component;

/**
 * Inserts a batch of new sessions with one statement (see {@link UnnestInsert}), and
 * reads back those another instance stored meanwhile.
 */
@Component
class SessionRows {

	private static final String INSERT = """
			insert into sessions (created_at, id, event_id, topic_id, occurred_at, study_date, duration_minutes, notes)
			select ?::timestamptz, t.id, t.event_id, t.topic_id, t.occurred_at::timestamptz, t.study_date::date,
			       t.duration_minutes, t.notes
			from unnest(?::int4[], ?::uuid[], ?::int4[], ?::text[], ?::text[], ?::int4[], ?::text[])
			  as t(id, event_id, topic_id, occurred_at, study_date, duration_minutes, notes)""";

	private final UnnestInsert unnest;

	private final Sessions sessions;

	SessionRows(UnnestInsert unnest, Sessions sessions) {
		this.unnest = unnest;
		this.sessions = sessions;
	}

	/** A session to store, and the id of its (stored) topic. */
	record New(SessionLogged event, int topicId) {
	}

	/** The stored row of every given session: inserted now, or by another instance. */
	Map<UUID, Session> insert(Collection<New> rows, Instant now) {
		Map<UUID, Session> stored = new HashMap<>();
		if (rows.isEmpty()) {
			return stored;
		}
		Instant createdAt = now.truncatedTo(ChronoUnit.MICROS);
		Map<UUID, Integer> ids = this.unnest.insert(INSERT, "sessions_id_seq", createdAt,
				rows.stream().map(row -> row.event().eventId()).toList(), Column.int4(rows, New::topicId),
				Column.text(rows, row -> row.event().occurredAt().toInstant().toString()),
				Column.text(rows, row -> row.event().effectiveStudyDate().toString()),
				Column.int4(rows, row -> row.event().durationMinutes()), Column.text(rows, row -> row.event().notes()));
		for (New row : rows) {
			Integer id = ids.get(row.event().eventId());
			if (id != null) {
				stored.put(row.event().eventId(), Session.inserted(id, row.event(), row.topicId(), createdAt));
			}
		}
		List<UUID> raced = rows.stream()
			.map(row -> row.event().eventId())
			.filter(id -> !stored.containsKey(id))
			.toList();
		if (!raced.isEmpty()) {
			this.sessions.findByEventIdIn(raced).forEach(session -> stored.put(session.eventId(), session));
		}
		return stored;
	}

}
