package com.studytracker.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The oldest PostgreSQL the migrations run on: 13, the first with a built-in
 * {@code gen_random_uuid()} (used by V2).
 */
final class PostgresVersion {

	/** As {@code server_version_num}: 13.0. */
	static final int MINIMUM = 130000;

	private PostgresVersion() {
	}

	static boolean isSupported(int serverVersionNum) {
		return serverVersionNum >= MINIMUM;
	}

	/**
	 * @throws UnsupportedPostgresVersionException if the server is older than
	 * {@link #MINIMUM}
	 */
	static void requireSupported(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"select current_setting('server_version_num')::int, current_setting('server_version')")) {
			result.next();
			if (!isSupported(result.getInt(1))) {
				throw new UnsupportedPostgresVersionException(result.getString(2));
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot read the PostgreSQL server version", ex);
		}
	}

}
