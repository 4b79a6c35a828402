package com.studytracker.benchmark;

import java.sql.Connection;
import java.time.Duration;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

import com.studytracker.testsupport.PostgresDatabases;
import org.flywaydb.core.Flyway;

/**
 * The benchmark's own database on the local PostgreSQL ({@code studytracker_bench} by
 * default), with the service's schema from its Flyway migrations.
 */
final class BenchDatabase {

	final String url;

	final String user;

	final String password;

	BenchDatabase(String url, String user, String password) {
		this.url = url;
		this.user = user;
		this.password = password;
	}

	/**
	 * Waits (up to a minute) until PostgreSQL accepts connections again, e.g. after
	 * someone restarted it.
	 */
	void awaitAvailable() {
		Awaitility.await("PostgreSQL accepting connections")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				try (Connection c = connect()) {
					return true;
				}
			});
	}

	// Held on a connection of its own until the benchmark JVM exits.
	private static Connection runLock;

	/**
	 * Creates the role and database if needed, makes sure no other benchmark run uses it,
	 * and applies the service's migrations.
	 */
	void prepare() {
		PostgresDatabases.ensure(this.url, this.user, this.password);
		lockForThisRun();
		Flyway.configure()
			.dataSource(this.url, this.user, this.password)
			.locations("classpath:db/migration")
			.baselineOnMigrate(true)
			.baselineVersion("1")
			.load()
			.migrate();
	}

	/**
	 * Two runs on one database would empty each other's tables and count each other's
	 * rows: the second one stops at once instead.
	 */
	private synchronized void lockForThisRun() {
		if (runLock != null) {
			return;
		}
		try {
			Connection connection = connect();
			try (Statement s = connection.createStatement();
					ResultSet rs = s.executeQuery("select pg_try_advisory_lock(hashtext('studytracker benchmark'))")) {
				rs.next();
				if (!rs.getBoolean(1)) {
					connection.close();
					throw new IllegalStateException("Another benchmark run is using " + this.url
							+ ": wait for it to end, or give this one its own database with -Dbench.dbUrl=");
				}
			}
			runLock = connection;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot lock " + this.url + " for this run", ex);
		}
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	/**
	 * Empties the service's tables. {@code restartIdentity} only while no service
	 * instance is running: a running one still holds a block of pooled sequence ids that
	 * a restarted sequence would hand out again.
	 */
	void truncate(boolean restartIdentity) throws SQLException {
		execute("truncate table sessions, pending_sessions, rejected_events, topics "
				+ (restartIdentity ? "restart identity" : "continue identity") + " cascade");
	}

	long count(String table) throws SQLException {
		try (Connection c = connect();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select count(*) from " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Up to {@code count} ids of stored topics, at random. */
	List<Integer> someTopicIds(int count) throws SQLException {
		List<Integer> ids = new ArrayList<>();
		try (Connection c = connect(); PreparedStatement s = c
			.prepareStatement("select id from topics order by random() limit ?")) {
			s.setInt(1, count);
			try (ResultSet r = s.executeQuery()) {
				while (r.next()) {
					ids.add(r.getInt(1));
				}
			}
		}
		return ids;
	}

	/** topics + sessions: the rows an accepted event leaves. */
	long rows() throws SQLException {
		return count("topics") + count("sessions");
	}

	/**
	 * Puts {@code rows} sessions (100-character notes, random event ids, spread over
	 * 1,000 topics) straight into the tables, in statements of at most a million rows,
	 * then VACUUM ANALYZE.
	 */
	void preloadSessions(long rows, java.util.function.LongConsumer progress) throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute("set statement_timeout = 0");
			s.execute("""
					insert into topics (name, description, created_at, event_id, occurred_at)
					select 'Preloaded topic ' || g, 'preloaded', now(), gen_random_uuid(), now()
					from generate_series(1, 1000) g""");
			long done = 0;
			while (done < rows) {
				long chunk = Math.min(1_000_000, rows - done);
				s.execute(
						"""
								insert into sessions (topic_id, study_date, duration_minutes, notes, created_at, event_id, occurred_at)
								select t.ids[1 + (g %% 1000)], date '2026-01-01' + (g %% 365)::int, 1 + (g %% 240)::int,
								       left(md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) || md5((g + 3)::text), 100),
								       now(), gen_random_uuid(), now() - make_interval(secs => g)
								from (select array_agg(id order by id) ids from topics) t, generate_series(%d, %d) g"""
							.formatted(done + 1, done + chunk));
				done += chunk;
				progress.accept(done);
			}
			s.execute("vacuum analyze topics");
			s.execute("vacuum analyze sessions");
		}
	}

	/** Table and index sizes, for the report. */
	String sizes() throws SQLException {
		try (Connection c = connect();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(
						"""
								select pg_size_pretty(pg_total_relation_size('sessions')), pg_size_pretty(pg_indexes_size('sessions'))""")) {
			rs.next();
			return "sessions " + rs.getString(1) + " total, of which indexes " + rs.getString(2);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	static List<String> serviceArguments(BenchDatabase db) {
		return List.of("--spring.datasource.url=" + db.url, "--spring.datasource.username=" + db.user,
				"--spring.datasource.password=" + db.password);
	}

}
