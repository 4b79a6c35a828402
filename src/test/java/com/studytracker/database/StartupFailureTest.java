package com.studytracker.database;

import java.util.UUID;

import com.studytracker.StudyTrackerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad configuration ends startup with one line naming the setting, never the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

	@Test
	void aMalformedDatabaseUrlIsNamedInOneLine(CapturedOutput output) {
		assertThatThrownBy(() -> start("--DATABASE_URL=mysql://root:hunter2@db/app")).isNotNull();

		assertThat(output).contains("DATABASE_URL is malformed").doesNotContain("hunter2");
	}

	@Test
	void anUnreachableDatabaseIsNamedWithoutItsPassword(CapturedOutput output) {
		assertThatThrownBy(() -> start("--DATABASE_URL=postgresql://studytracker:s3cret@127.0.0.1:1/studytracker"))
			.isNotNull();

		assertThat(output)
			.contains("Cannot connect to the database jdbc:postgresql://127.0.0.1:1/studytracker (from DATABASE_URL)")
			.doesNotContain("s3cret");
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql://studytracker:p@ss/w#r?d@127.0.0.1:1/studytracker",
			"postgresql://studytracker:p%40ss%2Fw%23r%3Fd@127.0.0.1:1/studytracker",
			"postgresql://studytracker:p%40ss%2Fw%23r%3Fd@[::1]:1/studytracker" })
	void anUnreachableDatabaseIsNamedWithoutItsPasswordInAnyEncoding(String databaseUrl, CapturedOutput output) {
		assertThatThrownBy(() -> start("--DATABASE_URL=" + databaseUrl)).isNotNull();

		assertThat(output).contains("Cannot connect to the database jdbc:postgresql://")
			.contains(":1/studytracker (from DATABASE_URL)")
			.doesNotContain("p@ss/w#r?d")
			.doesNotContain("p%40ss%2Fw%23r%3Fd")
			.doesNotContain("w#r")
			.doesNotContain("%23r");
	}

	@Test
	void anInvalidSettingIsNamedBeforeTheDatabaseIsTouched(CapturedOutput output) {
		String missingDatabase = "studytracker_missing_" + UUID.randomUUID().toString().replace("-", "");

		assertThatThrownBy(() -> start(new Class<?>[] { DatabaseFirst.class, StudyTrackerApplication.class },
				"--studytracker.kafka.concurrency=0",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + missingDatabase))
			.isNotNull();

		assertThat(output).contains("studytracker.kafka.concurrency")
			.doesNotContain("Cannot connect to the database")
			.doesNotContain(missingDatabase + "\" does not exist");
	}

	private static void start(String... args) {
		start(new Class<?>[] { StudyTrackerApplication.class }, args);
	}

	private static void start(Class<?>[] sources, String... args) {
		String[] all = new String[args.length + 3];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
		all[args.length + 2] = "--spring.datasource.hikari.data-source-properties.connectTimeout=2";
		SpringApplication.run(sources, all);
	}

	/**
	 * A bean created before all of the service's own, which connects at once: the
	 * settings must still be checked first.
	 */
	@Configuration(proxyBeanMethods = false)
	static class DatabaseFirst {

		@Bean
		InitializingBean touchesTheDatabase(DataSource dataSource) {
			return () -> dataSource.getConnection().close();
		}

	}

}
