package com.studytracker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the role and database a test (or a local run) needs exist on the local
 * PostgreSQL, creating them through the local superuser if necessary, so that a fresh
 * machine needs no hand edits.
 *
 * <p>
 * Superuser access: first {@code postgres} over JDBC on the target's host:port (works
 * where {@code pg_hba.conf} says trust); if that is refused for authentication reasons,
 * {@code psql} run as the {@code postgres} OS user over the local socket (peer auth), via
 * {@code runuser}, {@code sudo -n} or {@code su}.
 *
 * <p>
 * Idempotent and safe when several JVMs call it at once (duplicate-object errors are
 * expected outcomes of a race, not failures).
 */
public final class LocalPostgres {

	private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

	private static final String SUPERUSER = "postgres";

	private static final Set<String> AUTH_FAILURES = Set.of("28P01", "28000");

	private static final String DUPLICATE_DATABASE = "42P04";

	private static final String DUPLICATE_OBJECT = "42710";

	/**
	 * A concurrent CREATE ROLE/DATABASE that commits first makes ours fail on the
	 * catalog's unique index.
	 */
	private static final String UNIQUE_VIOLATION = "23505";

	/**
	 * "tuple concurrently updated" (XX000), serialization failure, template1 in use by
	 * another CREATE DATABASE.
	 */
	private static final Set<String> RETRYABLE = Set.of("XX000", "40001", "40P01", "55006");

	private LocalPostgres() {
	}

	/**
	 * Ensures that role {@code user} exists with LOGIN and {@code password}, and that the
	 * database named in {@code jdbcUrlOfTargetDb} exists and is owned by that role.
	 */
	public static void ensureDatabase(String jdbcUrlOfTargetDb, String user, String password) {
		Target t = Target.parse(jdbcUrlOfTargetDb);
		// Fast path: everything is already in place.
		SQLException asUser = null;
		try (Connection c = connect(t.url(t.database), user, password)) {
			if (ownsCurrentDatabase(c)) {
				return;
			}
		}
		catch (SQLException e) {
			asUser = e;
		}
		log.info("Creating/updating PostgreSQL role '{}' and database '{}' on {}:{}{}", user, t.database, t.host,
				t.port, asUser == null ? "" : " (" + asUser.getMessage() + ")");

		try (Connection admin = connect(t.url("postgres"), SUPERUSER, "")) {
			ensureWithJdbc(admin, t.database, user, password);
			return;
		}
		catch (SQLException e) {
			if (!AUTH_FAILURES.contains(e.getSQLState())) {
				throw new IllegalStateException("Cannot prepare PostgreSQL database " + t.database + " at " + t.host
						+ ":" + t.port + ": " + e.getMessage(), e);
			}
			log.info("Superuser '{}' cannot log in over TCP ({}); falling back to psql as the postgres OS user",
					SUPERUSER, e.getMessage());
		}
		ensureWithPsql(t, user, password);
	}

	/**
	 * Drops the database named in the URL (terminating its sessions) and the role; for
	 * test clean-up.
	 */
	public static void dropDatabaseAndRole(String jdbcUrlOfTargetDb, String user) {
		Target t = Target.parse(jdbcUrlOfTargetDb);
		String sql = """
				SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'d') \\gexec
				SELECT format('DROP ROLE IF EXISTS %I', :'u') \\gexec
				""";
		try (Connection admin = connect(t.url("postgres"), SUPERUSER, "")) {
			execFormatted(admin, "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', ?)", t.database);
			execFormatted(admin, "SELECT format('DROP ROLE IF EXISTS %I', ?)", user);
		}
		catch (SQLException e) {
			if (!AUTH_FAILURES.contains(e.getSQLState())) {
				throw new IllegalStateException("Cannot drop " + t.database + "/" + user + ": " + e.getMessage(), e);
			}
			runPsql(t, sql, List.of("d=" + t.database, "u=" + user));
		}
	}

	// ---------------------------------------------------------------------------------------------

	private static void ensureWithJdbc(Connection admin, String database, String user, String password)
			throws SQLException {
		admin.setAutoCommit(true);
		for (int attempt = 1;; attempt++) {
			try {
				if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
					try {
						execFormatted(admin, "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', ?, ?)", user, password);
					}
					catch (SQLException e) {
						if (!DUPLICATE_OBJECT.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
							throw e;
						}
					}
				}
				// Also fixes an existing role that lacks LOGIN or has another password.
				execFormatted(admin, "SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', ?, ?)", user, password);

				if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
					try {
						execFormatted(admin, "SELECT format('CREATE DATABASE %I OWNER %I', ?, ?)", database, user);
					}
					catch (SQLException e) {
						if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
							throw e;
						}
					}
				}
				if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ? AND pg_get_userbyid(datdba) = ?",
						database, user)) {
					execFormatted(admin, "SELECT format('ALTER DATABASE %I OWNER TO %I', ?, ?)", database, user);
				}
				return;
			}
			catch (SQLException e) {
				if (attempt >= 5 || !RETRYABLE.contains(e.getSQLState())) {
					throw e;
				}
				log.debug("Retrying after concurrent change ({}): {}", e.getSQLState(), e.getMessage());
				sleep(100L * attempt);
			}
		}
	}

	private static void ensureWithPsql(Target t, String user, String password) {
		String script = """
				SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'u', :'p')
				 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \\gexec
				SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'u', :'p') \\gexec
				SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u')
				 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \\gexec
				SELECT format('ALTER DATABASE %I OWNER TO %I', :'d', :'u')
				 WHERE EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d' AND pg_get_userbyid(datdba) <> :'u') \\gexec
				""";
		List<String> vars = List.of("u=" + user, "p=" + password, "d=" + t.database);
		try {
			runPsql(t, script, vars);
		}
		catch (IllegalStateException first) {
			// Lost a race with another JVM (duplicate role/database)? The second pass
			// sees its objects.
			sleep(300);
			runPsql(t, script, vars);
		}
	}

	/**
	 * Runs {@code script} (on stdin) with psql as the postgres OS user, trying several
	 * ways to become it.
	 */
	private static void runPsql(Target t, String script, List<String> vars) {
		if (!t.isLocal()) {
			throw new IllegalStateException(
					"Superuser login refused on " + t.host + " and psql fallback works only for a local server");
		}
		List<String> psql = new ArrayList<>(
				List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", Integer.toString(t.port), "-d", "postgres"));
		for (String v : vars) {
			psql.add("-v");
			psql.add(v);
		}
		String shellCommand = String.join(" ", psql.stream().map(LocalPostgres::shellQuote).toList());
		List<List<String>> launchers = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			launchers.add(concat(List.of("runuser", "-u", SUPERUSER, "--"), psql));
			launchers.add(List.of("su", SUPERUSER, "-c", shellCommand));
		}
		launchers.add(concat(List.of("sudo", "-n", "-u", SUPERUSER, "--"), psql));
		launchers.add(psql); // maybe we are the postgres OS user already

		StringBuilder failures = new StringBuilder();
		for (List<String> cmd : launchers) {
			try {
				Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new java.io.File("/")).start();
				p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
				p.getOutputStream().close();
				String output;
				try (InputStream in = p.getInputStream()) {
					output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				if (!p.waitFor(60, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					failures.append("\n").append(cmd.get(0)).append(": timed out");
					continue;
				}
				if (p.exitValue() == 0) {
					return;
				}
				failures.append("\n")
					.append(cmd.get(0))
					.append(" (exit ")
					.append(p.exitValue())
					.append("): ")
					.append(output.strip());
				if (output.contains("ERROR:")) {
					break; // psql ran and SQL failed: another launcher would not help
				}
			}
			catch (IOException e) {
				failures.append("\n").append(cmd.get(0)).append(": ").append(e.getMessage());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while running psql", e);
			}
		}
		throw new IllegalStateException("psql as OS user '" + SUPERUSER + "' failed:" + failures);
	}

	private static boolean ownsCurrentDatabase(Connection c) throws SQLException {
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT pg_get_userbyid(datdba) = current_user "
						+ "FROM pg_database WHERE datname = current_database()")) {
			return rs.next() && rs.getBoolean(1);
		}
	}

	private static boolean exists(Connection c, String sql, String... params) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setString(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		}
	}

	/**
	 * Lets the server quote identifiers/literals ({@code format('%I %L')}), then runs the
	 * resulting DDL.
	 */
	private static void execFormatted(Connection c, String formatQuery, String... params) throws SQLException {
		String ddl;
		try (PreparedStatement ps = c.prepareStatement(formatQuery)) {
			for (int i = 0; i < params.length; i++) {
				ps.setString(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				ddl = rs.getString(1);
			}
		}
		try (Statement s = c.createStatement()) {
			s.execute(ddl);
		}
	}

	private static Connection connect(String url, String user, String password) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", user);
		props.setProperty("password", password == null ? "" : password);
		props.setProperty("connectTimeout", "10");
		props.setProperty("ApplicationName", "studytracker-LocalPostgres");
		return DriverManager.getConnection(url, props);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static String shellQuote(String s) {
		return "'" + s.replace("'", "'\"'\"'") + "'";
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private record Target(String host, int port, String database) {

		static Target parse(String jdbcUrl) {
			if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
				throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
			}
			URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
			String host = uri.getHost() == null ? "localhost" : uri.getHost();
			int port = uri.getPort() == -1 ? 5432 : uri.getPort();
			String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
			if (path.isEmpty()) {
				throw new IllegalArgumentException("No database name in " + jdbcUrl);
			}
			return new Target(host, port, path);
		}

		String url(String db) {
			return "jdbc:postgresql://" + host + ":" + port + "/" + db;
		}

		boolean isLocal() {
			return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]");
		}
	}

}
