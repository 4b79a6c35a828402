package com.studytracker.messaging;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A test-only crash switch for the commit windows of a batch: with the system property
 * {@code studytracker.test.halt-at} set to {@code after-db-commit} or
 * {@code after-publish}, the JVM halts (no shutdown hooks, like a power cut) when a batch
 * reaches that point for the {@code studytracker.test.halt-after}-th time (default 1).
 * Unset, as in every shipped configuration, it does nothing.
 */
@Component
class HaltPoint {

	private static final Logger log = LoggerFactory.getLogger(HaltPoint.class);

	static final String AFTER_DB_COMMIT = "after-db-commit";

	static final String AFTER_PUBLISH = "after-publish";

	private final String haltAt;

	private final int haltAfter;

	private final AtomicInteger reached = new AtomicInteger();

	HaltPoint(Environment environment) {
		this.haltAt = environment.getProperty("studytracker.test.halt-at");
		this.haltAfter = environment.getProperty("studytracker.test.halt-after", Integer.class, 1);
		if (this.haltAt != null) {
			log.warn("Test crash switch armed: the JVM halts {} (batch #{})", this.haltAt, this.haltAfter);
		}
	}

	void reached(String point) {
		if (point.equals(this.haltAt) && this.reached.incrementAndGet() == this.haltAfter) {
			log.warn("Halting the JVM {} as the test asked", point);
			Runtime.getRuntime().halt(137);
		}
	}

}
