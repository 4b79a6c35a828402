package com.studytracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import com.studytracker.session.TopicCreatedStream;
import com.studytracker.testsupport.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ingestion rules and the resolver against the real database, without Kafka: the
 * pipeline is called directly, and what would be published is recorded. The end-to-end
 * tests keep the wiring honest; these pin the decisions, fast.
 */
@SpringBootTest(classes = RulesTest.RulesOnly.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "studytracker.pending.grace-period=3s", "studytracker.pending.sweep-max-bytes=3MB",
				// No messaging here, so no kafka health contributor for the readiness
				// group.
				"management.endpoint.health.validate-group-membership=false" })
@Import(TestDatabase.class)
public abstract class RulesTest {

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected RecordingPublisher published;

	@Autowired
	protected ManualTopicCreatedStream topicCreatedStream;

	/**
	 * The features and the pipeline; no messaging package, so no Kafka. Deliberately not
	 * a {@code @Configuration}: the service's component scan in other tests' contexts
	 * must never find these beans (a configuration in "lite" mode, named only here).
	 */
	@EnableAutoConfiguration
	@EnableConfigurationProperties(StudyTrackerProperties.class)
	// Without the HTTP controllers of the features: no web server here (ReadApi tests
	// serve them).
	@ComponentScan(
			basePackages = { "com.studytracker.contract", "com.studytracker.ingest", "com.studytracker.topic",
					"com.studytracker.session", "com.studytracker.database" },
			excludeFilters = @ComponentScan.Filter(RestController.class))
	static class RulesOnly {

		@Bean
		RecordingPublisher recordingPublisher() {
			return new RecordingPublisher();
		}

		@Bean
		ManualTopicCreatedStream manualTopicCreatedStream() {
			return new ManualTopicCreatedStream();
		}

	}

	/** Keeps what would have been published. */
	public static class RecordingPublisher implements OutcomePublisher {

		private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

		@Override
		public void publish(EventType type, List<Outcome> outcomes) {
			this.outcomes.addAll(outcomes);
		}

		public List<Outcome> outcomes() {
			return new ArrayList<>(this.outcomes);
		}

	}

	/** How far the TopicCreated stream is consumed, as a test says. */
	public static class ManualTopicCreatedStream implements TopicCreatedStream {

		private volatile Instant consumedUpTo;

		@Override
		public Instant consumedUpTo() {
			return this.consumedUpTo;
		}

		public void consumedUpTo(Instant instant) {
			this.consumedUpTo = instant;
		}

	}

}
