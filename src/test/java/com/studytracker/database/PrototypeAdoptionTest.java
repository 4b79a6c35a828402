package com.studytracker.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import com.studytracker.StudyTrackerApplication;
import com.studytracker.testsupport.PostgresDatabases;
import com.studytracker.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database the Python prototype filled for months is adopted by starting the service on
 * it: the migrations run to the end although the pool's timeouts are far shorter than the
 * full-table updates they make.
 */
class PrototypeAdoptionTest {

	private static final int SESSIONS = 3_000_000;

	private static final String PASSWORD = "adopt";

	private final String name = "studytracker_adopt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private String url;

	@BeforeEach
	void createPrototypeDatabase() throws Exception {
		// On the server of this JVM's test database (embedded, or the one named by
		// -Dstudytracker.test.database-url).
		String serverUrl = TestDatabase.get().jdbcUrl();
		this.url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + this.name;
		PostgresDatabases.ensure(this.url, this.name, PASSWORD);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(new ClassPathResource("db/migration/V1__prototype_schema.sql")
				.getContentAsString(StandardCharsets.UTF_8));
			statement.execute("insert into topics (name, description, created_at) "
					+ "select 'Topic ' || g, 'about ' || g, timestamp '2024-01-01' + g * interval '1 minute' "
					+ "from generate_series(1, 1000) g");
			statement.execute("insert into sessions (topic_id, study_date, duration_minutes, notes, created_at) "
					+ "select g % 1000 + 1, date '2024-01-01' + g % 700, g % 1440 + 1, 'notes ' || g, "
					+ "timestamp '2024-01-01' + g * interval '1 second' from generate_series(1, " + SESSIONS + ") g");
		}
	}

	@AfterEach
	void dropPrototypeDatabase() {
		PostgresDatabases.drop(this.url, this.name);
	}

	@Test
	void adoptsAPrototypeDatabaseWithThreeMillionSessions() throws Exception {
		String before = fingerprint();
		long started = System.nanoTime();

		try (ConfigurableApplicationContext context = startService()) {
			System.out.printf("Adopted %,d sessions in %s%n", SESSIONS,
					Duration.ofNanos(System.nanoTime() - started).withNanos(0));
		}

		assertThat(fingerprint()).isEqualTo(before);
		assertThat(queryForString("select count(*) || ' ' || count(event_id) || ' ' || count(distinct event_id) "
				+ "|| ' ' || count(occurred_at) from sessions"))
			.isEqualTo(SESSIONS + " " + SESSIONS + " " + SESSIONS + " " + SESSIONS);
		assertThat(queryForString("select count(*) from flyway_schema_history where not success")).isEqualTo("0");
	}

	/**
	 * The service as deployed, with pool timeouts shorter than any of the migrations'
	 * full-table statements: if the migrations ran on the pool, startup would fail.
	 */
	private ConfigurableApplicationContext startService() {
		return SpringApplication.run(StudyTrackerApplication.class, "--spring.datasource.url=" + this.url,
				"--spring.datasource.username=" + this.name, "--spring.datasource.password=" + PASSWORD,
				"--spring.datasource.hikari.data-source-properties.options=-c statement_timeout=2000 -c lock_timeout=1000",
				"--spring.datasource.hikari.data-source-properties.socketTimeout=5", "--server.port=0",
				"--spring.kafka.bootstrap-servers=127.0.0.1:1", "--spring.kafka.listener.auto-startup=false",
				"--spring.kafka.admin.auto-create=false");
	}

	/** Ids, contents and timestamps of every row, as one value. */
	private String fingerprint() throws SQLException {
		return queryForString(
				"select count(*) || ' ' || sum(id) || ' ' || sum(topic_id) || ' ' || sum(duration_minutes) "
						+ "|| ' ' || sum(length(notes)) || ' ' || sum(study_date - date '2024-01-01') || ' ' "
						+ "|| sum(extract(epoch from created_at)) from sessions");
	}

	private String queryForString(String sql) throws SQLException {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.name, PASSWORD);
	}

}
