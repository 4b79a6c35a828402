package com.studytracker.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import org.springframework.stereotype.Component;

/**
 * Inserts a whole batch of rows with one statement the database parses once:
 * {@code INSERT … SELECT … FROM unnest(?, ?, …) ON CONFLICT (event_id) DO NOTHING
 * RETURNING id, event_id}, one array parameter per column, on the connection of the
 * caller's transaction. Rows another instance inserted meanwhile are skipped, not failed:
 * the caller reads them back.
 *
 * <p>
 * Ids come from the table's sequence in blocks of {@value #ID_BLOCK} (its increment since
 * V4), each value {@code v} standing for ids {@code v-49 … v}, exactly as Hibernate's
 * pooled optimizer reads it: instances of either kind never collide.
 */
@Component
public class UnnestInsert {

	static final int ID_BLOCK = 50;

	private final EntityManager entityManager;

	UnnestInsert(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * @param sql the statement: its first parameter is the rows' {@code created_at}, then
	 * the ids' array, then the columns' arrays, in order
	 * @param sequence the table's id sequence
	 * @param rows how many rows the arrays hold
	 * @return the ids the database assigned, by event id, of the rows it inserted
	 */
	public Map<UUID, Integer> insert(String sql, String sequence, Instant createdAt, int rows, Column... columns) {
		return this.entityManager.unwrap(Session.class).doReturningWork(connection -> {
			Map<UUID, Integer> ids = new HashMap<>();
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setObject(1, createdAt.atOffset(ZoneOffset.UTC));
				statement.setArray(2, connection.createArrayOf("int4", ids(connection, sequence, rows)));
				int index = 3;
				for (Column column : columns) {
					Array array = connection.createArrayOf(column.sqlType(), column.values());
					statement.setArray(index++, array);
				}
				try (ResultSet inserted = statement.executeQuery()) {
					while (inserted.next()) {
						ids.put(inserted.getObject(2, UUID.class), inserted.getInt(1));
					}
				}
			}
			return ids;
		});
	}

	private static Integer[] ids(Connection connection, String sequence, int rows) throws SQLException {
		List<Integer> ids = new ArrayList<>(rows + ID_BLOCK);
		try (PreparedStatement next = connection
			.prepareStatement("select nextval(?::regclass) from generate_series(1, ?)")) {
			while (ids.size() < rows) {
				next.setString(1, sequence);
				next.setInt(2, (rows - ids.size() + ID_BLOCK - 1) / ID_BLOCK);
				try (ResultSet values = next.executeQuery()) {
					while (values.next()) {
						long high = values.getLong(1);
						// A sequence never used before starts at 1, below a whole block:
						// skipped.
						for (long id = high - ID_BLOCK + 1; id <= high; id++) {
							if (id >= 1) {
								ids.add(Math.toIntExact(id));
							}
						}
					}
				}
			}
		}
		return ids.subList(0, rows).toArray(Integer[]::new);
	}

	/**
	 * One column's values, as a SQL array of {@code sqlType}; text columns are cast in
	 * the statement to what they hold (uuid, timestamptz, date).
	 */
	public record Column(String sqlType, Object[] values) {

		public static <R> Column text(Collection<R> rows, Function<R, String> value) {
			return new Column("text", rows.stream().map(value).toArray(String[]::new));
		}

		public static <R> Column int4(Collection<R> rows, Function<R, Integer> value) {
			return new Column("int4", rows.stream().map(value).toArray(Integer[]::new));
		}

	}

}
