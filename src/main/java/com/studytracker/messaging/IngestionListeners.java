package com.studytracker.messaging;

import java.util.ArrayList;
import java.util.List;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import com.studytracker.session.SessionIngestion;
import com.studytracker.topic.TopicIngestion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Batch listeners: hand each poll's records to the feature, then publish their outcomes. The method
 * returns only after rows are committed and every confirmation is acknowledged; only then does the
 * container commit the batch's offsets. Anything thrown here is transient (poison records become
 * outcomes), so the error handler retries the whole batch with backoff.
 */
@Component
class IngestionListeners {

	static final String TOPIC_CREATED = "topic-created";

	static final String SESSION_LOGGED = "session-logged";

	private final TopicIngestion topics;

	private final SessionIngestion sessions;

	private final OutcomePublisher publisher;

	private final HaltPoint haltPoint;

	IngestionListeners(TopicIngestion topics, SessionIngestion sessions, OutcomePublisher publisher, HaltPoint haltPoint) {
		this.topics = topics;
		this.sessions = sessions;
		this.publisher = publisher;
		this.haltPoint = haltPoint;
	}

	@KafkaListener(id = TOPIC_CREATED, groupId = "${studytracker.kafka.group-id}", topics = "${studytracker.streams.topic-created.input}",
			concurrency = "${studytracker.kafka.concurrency}", batch = "true")
	void onTopicCreated(List<ConsumerRecord<byte[], byte[]>> records) {
		List<Outcome> outcomes = this.topics.ingest(deliveries(records));
		this.haltPoint.reached(HaltPoint.AFTER_DB_COMMIT);
		this.publisher.publish(EventType.TOPIC_CREATED, outcomes);
		this.haltPoint.reached(HaltPoint.AFTER_PUBLISH);
	}

	@KafkaListener(id = SESSION_LOGGED, groupId = "${studytracker.kafka.group-id}", topics = "${studytracker.streams.session-logged.input}",
			concurrency = "${studytracker.kafka.concurrency}", batch = "true")
	void onSessionLogged(List<ConsumerRecord<byte[], byte[]>> records) {
		List<Outcome> outcomes = this.sessions.ingest(deliveries(records));
		this.haltPoint.reached(HaltPoint.AFTER_DB_COMMIT);
		this.publisher.publish(EventType.SESSION_LOGGED, outcomes);
		this.haltPoint.reached(HaltPoint.AFTER_PUBLISH);
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
