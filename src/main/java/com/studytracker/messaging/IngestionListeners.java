package com.studytracker.messaging;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.Event;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import com.studytracker.ingest.DataFaults;
import com.studytracker.ingest.EventRules;
import com.studytracker.ingest.IngestionPipeline;
import com.studytracker.session.SessionLogged;
import com.studytracker.session.SessionLoggedRules;
import com.studytracker.topic.TopicCreated;
import com.studytracker.topic.TopicCreatedRules;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Batch listeners: hand each poll's records to the feature, then publish their outcomes.
 * The method returns only after rows are committed and every confirmation is
 * acknowledged; only then does the container commit the batch's offsets. Anything thrown
 * here is transient (poison records become outcomes), so the error handler retries the
 * whole batch with backoff.
 */
@Component
class IngestionListeners {

	private static final Logger log = LoggerFactory.getLogger(IngestionListeners.class);

	static final String TOPIC_CREATED = "topic-created";

	static final String SESSION_LOGGED = "session-logged";

	private final IngestionPipeline pipeline;

	private final TopicCreatedRules topics;

	private final SessionLoggedRules sessions;

	private final OutcomePublisher publisher;

	private final BatchMetrics metrics;

	private final TopicBacklogGate topicBacklog;

	IngestionListeners(IngestionPipeline pipeline, TopicCreatedRules topics, SessionLoggedRules sessions,
			OutcomePublisher publisher, BatchMetrics metrics, TopicBacklogGate topicBacklog) {
		this.pipeline = pipeline;
		this.topics = topics;
		this.sessions = sessions;
		this.publisher = publisher;
		this.metrics = metrics;
		this.topicBacklog = topicBacklog;
	}

	@KafkaListener(id = TOPIC_CREATED, groupId = "${studytracker.kafka.group-id}",
			topics = "${studytracker.streams.topic-created.input}", concurrency = "${studytracker.kafka.concurrency}",
			batch = "true")
	void onTopicCreated(List<ConsumerRecord<byte[], byte[]>> records) {
		this.topicBacklog.taken(records.size());
		try {
			handle(this.topics, TopicCreated::occurredAt, records);
		}
		finally {
			this.topicBacklog.done(records.size());
		}
	}

	@KafkaListener(id = SESSION_LOGGED, groupId = "${studytracker.kafka.group-id}",
			topics = "${studytracker.streams.session-logged.input}", concurrency = "${studytracker.kafka.concurrency}",
			batch = "true")
	void onSessionLogged(List<ConsumerRecord<byte[], byte[]>> records) {
		this.topicBacklog.awaitTopics();
		handle(this.sessions, SessionLogged::occurredAt, records);
	}

	/**
	 * Rows first, then confirmations; returning lets the container commit the offsets.
	 */
	private <E extends Event> void handle(EventRules<E> rules, Function<E, OffsetDateTime> occurredAt,
			List<ConsumerRecord<byte[], byte[]>> records) {
		long started = this.metrics.started(rules.type(), records.size());
		try {
			OccurredAt<E> observed = new OccurredAt<>(rules, occurredAt);
			List<Outcome> outcomes = this.pipeline.ingest(observed, deliveries(records));
			this.metrics.committed(rules.type(), outcomes, observed);
			this.publisher.publish(rules.type(), outcomes);
			this.metrics.succeeded(rules.type(), started);
		}
		catch (RuntimeException ex) {
			this.metrics.failed(rules.type(), started);
			log.warn("Batch of {} {} records failed; it will be retried with backoff: {}", records.size(), rules.type(),
					safeDescription(ex));
			throw ex;
		}
	}

	/**
	 * Connection and broker failures with their message; other database errors by
	 * SQLSTATE only, since a driver message may quote row values.
	 */
	private static String safeDescription(Throwable failure) {
		Throwable root = rootCause(failure);
		if (!(root instanceof SQLException sql) || (sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
			return root.toString();
		}
		return root.getClass().getName() + " (" + DataFaults.describe(failure) + ")";
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static List<Delivery> deliveries(List<ConsumerRecord<byte[], byte[]>> records) {
		List<Delivery> deliveries = new ArrayList<>(records.size());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			List<Delivery.Header> headers = new ArrayList<>();
			for (Header header : record.headers()) {
				headers.add(new Delivery.Header(header.key(), header.value()));
			}
			deliveries.add(new Delivery(record.topic(), record.partition(), record.offset(), record.timestamp(),
					record.key(), record.value(), headers));
		}
		return deliveries;
	}

}
