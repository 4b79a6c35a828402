package com.studytracker.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.studytracker.security.TestCertificates.Pem;
import com.studytracker.testsupport.PostgresDatabases;
import com.studytracker.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code DATABASE_URL} with {@code sslmode=verify-full} against a PostgreSQL server that
 * accepts nothing but TLS with a scram-sha-256 password
 * ({@code hostssl ... scram-sha-256} is its only {@code pg_hba.conf} line), its
 * certificate for {@code localhost} signed by a CA made for this test.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOverVerifiedTlsTest {

	private static final String DATABASE = "studytracker_tls";

	private static final String USER = "studytracker_tls";

	/**
	 * Percent-encoded in the URL: {@code @}, {@code /} and {@code %} are taken as such.
	 */
	private static final String PASSWORD = "tls-" + UUID.randomUUID().toString().substring(0, 8) + "@/%";

	@TempDir
	static Path certificates;

	private static Pem ca;

	private static Pem otherCa;

	private static PostgresServer postgres;

	private static EmbeddedKafkaKraftBroker kafka;

	@BeforeAll
	static void startTlsOnlyPostgres() throws Exception {
		TestCertificates tools = new TestCertificates(certificates);
		ca = tools.certificateAuthority("test-ca");
		otherCa = tools.certificateAuthority("other-ca");
		Pem server = tools.signedBy(ca, "localhost", "DNS:localhost");
		Map<String, String> settings = new LinkedHashMap<>(PostgresServer.FAST);
		settings.put("ssl", "on");
		settings.put("ssl_cert_file", server.certificate().toString());
		settings.put("ssl_key_file", server.key().toString());
		settings.put("password_encryption", "scram-sha-256");
		postgres = PostgresServer.startTemporary("tls", settings);
		PostgresDatabases.recreate(postgres.jdbcUrl(DATABASE), USER, PASSWORD);
		// From now on: TLS and a password, for everyone (the trust of initdb is gone).
		try (Connection superuser = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
				Statement statement = superuser.createStatement()) {
			Files.writeString(postgres.dataDirectory().resolve("pg_hba.conf"),
					"hostssl all all 127.0.0.1/32 scram-sha-256\n", StandardCharsets.UTF_8);
			statement.execute("select pg_reload_conf()");
		}
		kafka = new EmbeddedKafkaKraftBroker(1, 1);
		kafka.afterPropertiesSet();
	}

	@AfterAll
	static void stop() {
		if (kafka != null) {
			kafka.destroy();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void theServiceMigratesAndGetsReadyOverVerifiedTlsWithAScramPassword(CapturedOutput output) {
		try (ConfigurableApplicationContext service = start(databaseUrl("localhost", ca))) {
			ServiceFromEnvironment.awaitReady(service);
			JdbcTemplate jdbc = new JdbcTemplate(service.getBean(DataSource.class));

			assertThat(jdbc.queryForObject("select ssl from pg_stat_ssl where pid = pg_backend_pid()", Boolean.class))
				.isTrue();
			assertThat(jdbc.queryForObject("select system_user", String.class)).isEqualTo("scram-sha-256:" + USER);
			assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
				.isGreaterThan(1);
			assertThat(
					jdbc.queryForObject("select count(*) from flyway_schema_history where not success", Integer.class))
				.isZero();
			assertThat(jdbc.queryForObject("select to_regclass('topics') is not null", Boolean.class)).isTrue();
		}
		assertThat(output).doesNotContain(PASSWORD).doesNotContain(encodedPassword());
	}

	@Test
	void theServerRefusesAConnectionWithoutTlsEvenWithTheRightPassword() {
		assertThatThrownBy(
				() -> DriverManager.getConnection(postgres.jdbcUrl(DATABASE) + "?sslmode=disable", USER, PASSWORD))
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("no pg_hba.conf entry")
			.hasMessageContaining("no encryption");
	}

	@Test
	void aServerCertificateFromAnotherCaEndsStartupInOneLineWithoutThePassword(CapturedOutput output) {
		assertThatThrownBy(() -> start(databaseUrl("localhost", otherCa))).isNotNull();

		assertThat(failureLines(output)).singleElement()
			.asString()
			.contains("jdbc:postgresql://localhost:" + postgres.port() + "/" + DATABASE + "?sslmode=verify-full")
			.contains("(from DATABASE_URL)")
			.contains("SSL error");
		assertThat(output).doesNotContain(PASSWORD).doesNotContain(encodedPassword());
	}

	@Test
	void aHostNameTheCertificateDoesNotNameEndsStartupInOneLine(CapturedOutput output) {
		assertThatThrownBy(() -> start(databaseUrl("127.0.0.1", ca))).isNotNull();

		assertThat(failureLines(output)).singleElement()
			.asString()
			.contains("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE)
			.contains("127.0.0.1 could not be verified");
		assertThat(output).doesNotContain(PASSWORD).doesNotContain(encodedPassword());
	}

	@Test
	void aWrongPasswordEndsStartupInOneLine(CapturedOutput output) {
		String url = databaseUrl("localhost", ca).replace(encodedPassword(), "wrong-password");

		assertThatThrownBy(() -> start(url)).isNotNull();

		assertThat(failureLines(output)).singleElement()
			.asString()
			.contains("jdbc:postgresql://localhost:" + postgres.port() + "/" + DATABASE)
			.contains("password authentication failed for user \"" + USER + "\"");
		assertThat(output).doesNotContain("wrong-password").doesNotContain(PASSWORD);
	}

	private static ConfigurableApplicationContext start(String databaseUrl) {
		return ServiceFromEnvironment.start(Map.of("DATABASE_URL", databaseUrl, "KAFKA_BOOTSTRAP_SERVERS",
				kafka.getBrokersAsString(), "STUDYTRACKER_KAFKA_GROUPID", "tls-" + UUID.randomUUID()));
	}

	/** What an operator would set: libpq's form, with pgjdbc's names for the CA file. */
	private static String databaseUrl(String host, Pem trusted) {
		return "postgresql://" + USER + ":" + encodedPassword() + "@" + host + ":" + postgres.port() + "/" + DATABASE
				+ "?sslmode=verify-full&sslrootcert=" + trusted.certificate();
	}

	private static String encodedPassword() {
		return PASSWORD.replace("%", "%25").replace("@", "%40").replace("/", "%2F");
	}

	private static java.util.List<String> failureLines(CapturedOutput output) {
		return output.getAll().lines().filter(line -> line.startsWith("Cannot connect to the database")).toList();
	}

}
