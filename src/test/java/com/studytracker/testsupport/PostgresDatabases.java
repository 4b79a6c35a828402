package com.studytracker.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import org.awaitility.Awaitility;

/**
 * Creates the role and database a test run needs on a PostgreSQL server, as its superuser
 * {@code postgres} over JDBC (trust authentication, as on the embedded server and on this
 * project's machines). Safe when several JVMs do it at once.
 */
public final class PostgresDatabases {

	private static final String SUPERUSER = "postgres";

	/**
	 * Duplicate object or database, a unique index hit by a concurrent CREATE, "tuple
	 * concurrently updated", template1 in use by another CREATE DATABASE.
	 */
	private static final Set<String> LOST_A_RACE = Set.of("42710", "42P04", "23505", "XX000", "40001", "55006");

	private PostgresDatabases() {
	}

	/**
	 * Creates role {@code user} (login, {@code password}) and the database named in
	 * {@code jdbcUrl} (owned by that role) if they are missing; leaves existing ones as
	 * they are.
	 */
	public static void ensure(String jdbcUrl, String user, String password) {
		prepare(jdbcUrl, user, password, false);
	}

	/**
	 * Like {@link #ensure}, but the database is dropped first, so that it starts empty
	 * whatever an earlier run left in it, and an existing role gets login and
	 * {@code password}.
	 */
	public static void recreate(String jdbcUrl, String user, String password) {
		prepare(jdbcUrl, user, password, true);
	}

	/**
	 * Drops the database named in {@code jdbcUrl} (closing its sessions) and the role.
	 */
	public static void drop(String jdbcUrl, String user) {
		Target target = Target.parse(jdbcUrl);
		try (Connection admin = connect(target.url("postgres"), SUPERUSER, "")) {
			execFormatted(admin, "select format('drop database if exists %I with (force)', ?)", target.database);
			execFormatted(admin, "select format('drop role if exists %I', ?)", user);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot drop " + target.database + ": " + ex.getMessage(), ex);
		}
	}

	private static void prepare(String jdbcUrl, String user, String password, boolean fresh) {
		Target target = Target.parse(jdbcUrl);
		// Another test JVM may be preparing the same role or database: a lost race is
		// retried, anything else fails at once.
		Awaitility.await("database " + target.database + " prepared")
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> tryPrepare(target, user, password, fresh));
	}

	/** True once prepared; false if it lost a race with another JVM doing the same. */
	private static boolean tryPrepare(Target target, String user, String password, boolean fresh) {
		try (Connection admin = connect(target.url("postgres"), SUPERUSER, "")) {
			if (fresh) {
				execFormatted(admin, "select format('drop database if exists %I with (force)', ?)", target.database);
			}
			if (!exists(admin, "select 1 from pg_roles where rolname = ?", user)) {
				execFormatted(admin, "select format('create role %I login password %L', ?, ?)", user, password);
			}
			else if (fresh) {
				execFormatted(admin, "select format('alter role %I login password %L', ?, ?)", user, password);
			}
			if (!exists(admin, "select 1 from pg_database where datname = ?", target.database)) {
				execFormatted(admin, "select format('create database %I owner %I', ?, ?)", target.database, user);
			}
			return true;
		}
		catch (SQLException ex) {
			if (LOST_A_RACE.contains(ex.getSQLState())) {
				return false;
			}
			throw new IllegalStateException("Cannot prepare database " + target.database + " on " + target.host + ":"
					+ target.port + " as superuser '" + SUPERUSER + "' (it must be able to log in over TCP): "
					+ ex.getMessage(), ex);
		}
	}

	private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next();
			}
		}
	}

	/** Lets the server quote identifiers and literals, then runs the DDL it built. */
	private static void execFormatted(Connection connection, String formatQuery, String... parameters)
			throws SQLException {
		String ddl;
		try (PreparedStatement statement = connection.prepareStatement(formatQuery)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				ddl = rs.getString(1);
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(ddl);
		}
	}

	private static Connection connect(String url, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "10");
		properties.setProperty("ApplicationName", "studytracker-tests");
		return DriverManager.getConnection(url, properties);
	}

	private record Target(String host, int port, String database) {

		static Target parse(String jdbcUrl) {
			if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
				throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
			}
			URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
			String path = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
			if (path.isEmpty()) {
				throw new IllegalArgumentException("No database name in " + jdbcUrl);
			}
			return new Target((uri.getHost() != null) ? uri.getHost() : "localhost",
					(uri.getPort() != -1) ? uri.getPort() : 5432, path);
		}

		String url(String database) {
			return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
		}

	}

}
