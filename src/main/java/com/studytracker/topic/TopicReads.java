package com.studytracker.topic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read API's queries on topics, straight to their views: one statement per request,
 * no transaction, no persistence context (as {@code session.SessionReads}). The listing
 * is ordered by (name in byte order, id): its conditions are one range of
 * {@code ix_topics_name_c_id}, whatever the database's collation (V14).
 */
@Component
class TopicReads {

	private static final String COLUMNS = "id, name, description, event_id, occurred_at, created_at";

	private final JdbcClient jdbc;

	TopicReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<TopicView> byId(int id) {
		return this.jdbc.sql("select " + COLUMNS + " from topics where id = :id")
			.param("id", id)
			.query(TopicReads::view)
			.optional();
	}

	/**
	 * Up to {@code limit} topics after the position (afterName, afterId), among names
	 * below {@code below} (the end of a prefix's range) unless it is null.
	 */
	List<TopicView> listAfter(String afterName, int afterId, String below, int limit) {
		String belowCondition = (below != null) ? " and name collate \"C\" < :below" : "";
		return this.jdbc
			.sql("select " + COLUMNS + " from topics where (name collate \"C\", id) > (:afterName, :afterId)"
					+ belowCondition + " order by name collate \"C\", id limit :limit")
			.param("afterName", afterName)
			.param("afterId", afterId)
			.param("below", below)
			.param("limit", limit)
			.query(TopicReads::view)
			.list();
	}

	private static TopicView view(ResultSet row, int rowNumber) throws SQLException {
		return new TopicView(row.getInt("id"), row.getString("name"), row.getString("description"),
				row.getObject("event_id", UUID.class), row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
