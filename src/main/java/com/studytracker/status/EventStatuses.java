package com.studytracker.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.Confirmation;
import com.studytracker.contract.ConfirmationJson;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Rejection;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers what became of events from the stored rows alone, as the confirmations are
 * built: a stored row is ACCEPTED (it wins over any later rejection of a conflicting
 * re-send), a parked session not yet decided is PENDING, a recorded rejection is REJECTED
 * with its first time and reason. Four indexed queries per look-up, whatever the number
 * of ids.
 */
@Component
class EventStatuses {

	private final NamedParameterJdbcTemplate jdbc;

	private final ConfirmationJson json;

	private final Duration gracePeriod;

	EventStatuses(NamedParameterJdbcTemplate jdbc, ConfirmationJson json, StudyTrackerProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.gracePeriod = properties.pending().gracePeriod();
	}

	/** Per event type, what is known about each of these ids (absent: never seen). */
	Map<EventType, Map<UUID, EventStatus>> lookUp(Collection<UUID> eventIds) {
		Map<EventType, Map<UUID, EventStatus>> known = new EnumMap<>(EventType.class);
		for (EventType type : EventType.values()) {
			known.put(type, new HashMap<>());
		}
		if (eventIds.isEmpty()) {
			return known;
		}
		Map<String, Object> ids = Map.of("ids", eventIds);
		// Rejections first: the rows below overwrite them.
		this.jdbc.query(
				"select event_type, event_id, rejected_at, reason from rejected_events "
						+ "where event_type in ('TOPIC_CREATED', 'SESSION_LOGGED') and event_id in (:ids)",
				ids, (row) -> {
					UUID eventId = row.getObject("event_id", UUID.class);
					String reason = row.getString("reason");
					Rejection rejection = (reason != null) ? this.json.readReason(reason) : null;
					known.get(EventType.valueOf(row.getString("event_type")))
						.put(eventId,
								confirmed(Confirmation.rejected(eventId, rejection, instant(row, "rejected_at"))));
				});
		this.jdbc.query("select event_id, first_seen_at, topic_id, topic_event_id from pending_sessions "
				+ "where event_id in (:ids) and rejected_at is null", ids, (row) -> {
					UUID eventId = row.getObject("event_id", UUID.class);
					Instant since = instant(row, "first_seen_at");
					known.get(EventType.SESSION_LOGGED)
						.put(eventId,
								new EventStatus.Pending(eventId, row.getObject("topic_id", Integer.class),
										row.getObject("topic_event_id", UUID.class), since.toString(),
										since.plus(this.gracePeriod).toString()));
				});
		this.jdbc.query("select event_id, id, created_at from topics where event_id in (:ids)", ids, (row) -> {
			UUID eventId = row.getObject("event_id", UUID.class);
			known.get(EventType.TOPIC_CREATED)
				.put(eventId,
						confirmed(Confirmation.topicAccepted(eventId, row.getInt("id"), instant(row, "created_at"))));
		});
		this.jdbc.query("select event_id, topic_id, id, created_at from sessions where event_id in (:ids)", ids,
				(row) -> {
					UUID eventId = row.getObject("event_id", UUID.class);
					known.get(EventType.SESSION_LOGGED)
						.put(eventId, confirmed(Confirmation.sessionAccepted(eventId, row.getInt("topic_id"),
								row.getInt("id"), instant(row, "created_at"))));
				});
		return known;
	}

	/** The answers for one id, by type: usually one, none if never seen. */
	static Map<EventType, EventStatus> of(Map<EventType, Map<UUID, EventStatus>> known, UUID eventId) {
		Map<EventType, EventStatus> answers = new EnumMap<>(EventType.class);
		known.forEach((type, statuses) -> {
			EventStatus status = statuses.get(eventId);
			if (status != null) {
				answers.put(type, status);
			}
		});
		return answers;
	}

	private EventStatus confirmed(Confirmation confirmation) {
		return new EventStatus.Confirmed(confirmation.eventId(), this.json.write(confirmation));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

}
