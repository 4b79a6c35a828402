package com.studytracker;

import com.studytracker.testsupport.LocalInfrastructure;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service on a machine with nothing but Java 17 ({@code ./mvnw
 * spring-boot:test-run}): with an embedded PostgreSQL and a standalone KRaft broker, both
 * fresh on every run, unless {@code DATABASE_URL} or {@code KAFKA_BOOTSTRAP_SERVERS}
 * points at existing ones (see {@link LocalInfrastructure}).
 */
public final class TestStudyTrackerApplication {

	private TestStudyTrackerApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(StudyTrackerApplication::main).with(LocalInfrastructure.class).run(args);
	}

}
