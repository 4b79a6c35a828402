package com.studytracker.database;

import com.studytracker.StudyTrackerApplication;
import com.studytracker.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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

	@Test
	void anInvalidSettingIsNamed(CapturedOutput output) {
		// A reachable database of the test's own: the setting, not a missing database,
		// must
		// be what stops startup.
		TestDatabase.Database database = TestDatabase.get();
		assertThatThrownBy(() -> start("--studytracker.kafka.concurrency=0",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()))
			.isNotNull();

		assertThat(output).contains("studytracker.kafka.concurrency");
	}

	private static void start(String... args) {
		String[] all = new String[args.length + 3];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
		all[args.length + 2] = "--spring.datasource.hikari.data-source-properties.connectTimeout=2";
		SpringApplication.run(StudyTrackerApplication.class, all);
	}

}
