package com.studytracker.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.studytracker.RulesTest;
import com.studytracker.contract.Delivery;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.RejectionCode;
import com.studytracker.ingest.IngestionPipeline;
import com.studytracker.topic.TopicCreatedRules;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The SessionLogged rules and the resolver's decisions, against the database alone. */
@ExtendWith(OutputCaptureExtension.class)
class SessionDecisionsTest extends RulesTest {

	@Autowired
	IngestionPipeline pipeline;

	@Autowired
	SessionLoggedRules sessions;

	@Autowired
	TopicCreatedRules topics;

	@Autowired
	PendingSessionResolver resolver;

	@Autowired
	PendingSessionMetrics metrics;

	@Autowired
	MeterRegistry meters;

	@Test
	void acceptsASessionWhoseTopicIsStored() {
		UUID topic = storeTopic();

		Outcome outcome = ingest(session(UUID.randomUUID(), topic, 30, ""));

		assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
	}

	@Test
	void rejectsAnUnknownTopicIdAtOnceWithoutParkingIt() {
		UUID eventId = UUID.randomUUID();

		Outcome outcome = ingest("{\"eventId\":\"" + eventId
				+ "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"topicId\":2000000002,\"durationMinutes\":5}");

		assertThat(((Outcome.Rejected) outcome).code()).isEqualTo(RejectionCode.UNKNOWN_TOPIC);
		assertThat(parked(eventId)).isZero();
	}

	@Test
	void parksASessionWhoseTopicEventIdIsNotStoredYet() {
		UUID eventId = UUID.randomUUID();

		Outcome outcome = ingest(session(eventId, UUID.randomUUID(), 30, ""));

		assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
		assertThat(parked(eventId)).isOne();
	}

	@Test
	void namesTheFieldsInWhichAResentParkedSessionDiffers() {
		UUID eventId = UUID.randomUUID();
		UUID topic = UUID.randomUUID();
		ingest(session(eventId, topic, 30, "first"));

		Outcome outcome = ingest(session(eventId, topic, 31, "second"));

		assertThat(((Outcome.Rejected) outcome).confirmation().reason().message()).contains("durationMinutes, notes");
	}

	@Test
	void theResolverAcceptsAParkedSessionOnceItsTopicIsStored() {
		UUID eventId = UUID.randomUUID();
		UUID topic = UUID.randomUUID();
		ingest(session(eventId, topic, 30, ""));
		storeTopic(topic);

		sweepUntilSettled(eventId);

		assertThat(outcomeOf(eventId)).isInstanceOf(Outcome.Accepted.class);
		assertThat(this.jdbc.queryForObject("select count(*) from sessions where event_id = ?", Integer.class, eventId))
			.isOne();
	}

	@Test
	void theResolverRejectsOnlyOnceTheTopicStreamIsConsumedPastTheGracePeriod() {
		UUID eventId = UUID.randomUUID();
		ingest(session(eventId, UUID.randomUUID(), 30, ""));
		this.jdbc.update("update pending_sessions set first_seen_at = now() - interval '1 hour' where event_id = ?",
				eventId);
		// Consumed only up to a moment before the grace period ended: no decision.
		this.topicCreatedStream.consumedUpTo(Instant.now().minusSeconds(3600));
		this.resolver.sweep();
		assertThat(parked(eventId)).isOne();

		this.topicCreatedStream.consumedUpTo(Instant.now());
		sweepUntilSettled(eventId);

		assertThat(((Outcome.Rejected) outcomeOf(eventId)).code()).isEqualTo(RejectionCode.UNKNOWN_TOPIC);
	}

	@Test
	void theResolverRepublishesARecordedRejectionInsteadOfAcceptingTheSessionLate() {
		UUID eventId = UUID.randomUUID();
		UUID topic = UUID.randomUUID();
		ingest(session(eventId, topic, 30, ""));
		this.jdbc.update("update pending_sessions set rejected_at = now() where event_id = ?", eventId);
		this.jdbc.update("insert into rejected_events values ('SESSION_LOGGED', ?, now())", eventId);
		storeTopic(topic);

		sweepUntilSettled(eventId);

		assertThat(((Outcome.Rejected) outcomeOf(eventId)).code()).isEqualTo(RejectionCode.UNKNOWN_TOPIC);
		assertThat(this.jdbc.queryForObject("select count(*) from sessions where event_id = ?", Integer.class, eventId))
			.isZero();
	}

	@Test
	void aSessionThatCannotBeDecidedIsCountedAndLoggedAtWarn(CapturedOutput output) {
		UUID eventId = UUID.randomUUID();
		ingest(session(eventId, UUID.randomUUID(), 30, ""));
		this.jdbc.update("update pending_sessions set first_seen_at = now() - interval '1 hour' where event_id = ?",
				eventId);
		// The TopicCreated stream is not known to be consumed at all: no decision.
		this.topicCreatedStream.consumedUpTo(null);
		this.resolver.sweep();

		this.metrics.refresh();

		assertThat(this.meters.get("studytracker.pending.undecided").gauge().value()).isGreaterThanOrEqualTo(1);
		assertThat(output).contains("WARN").contains("cannot be decided yet");
		this.jdbc.update("delete from pending_sessions where event_id = ?", eventId);
	}

	@Test
	void aSweepHoldsNoMoreRecordBytesThanItsBudget() {
		UUID topic = UUID.randomUUID();
		String padding = "x".repeat(1_000_000);
		for (int i = 0; i < 8; i++) {
			ingest(session(UUID.randomUUID(), topic, 30, "").replace("}", ",\"padding\":\"" + padding + "\"}"));
		}
		storeTopic(topic);
		int before = this.published.outcomes().size();

		int settled = this.resolver.sweep();

		// 3 MB budget in this test: three records of 1 MB each at most.
		assertThat(settled).isBetween(1, 3);
		assertThat(this.published.outcomes()).hasSize(before + settled);
	}

	@Test
	void aLargeBatchIsStoredWholeAndItsRedeliveryWithNewSessionsStoresNothingTwice(CapturedOutput output) {
		UUID topic = storeTopic();
		List<String> first = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			first.add(session(UUID.randomUUID(), topic, 1 + i, "first " + i));
		}
		List<Outcome> stored = ingestAll(first);
		List<String> again = new ArrayList<>(first);
		for (int i = 0; i < 20; i++) {
			again.add(session(UUID.randomUUID(), topic, 5, "added " + i));
		}

		List<Outcome> redelivered = ingestAll(again);

		assertThat(stored).allMatch(Outcome.Accepted.class::isInstance);
		assertThat(redelivered).allMatch(Outcome.Accepted.class::isInstance);
		// Stored the first time, answered from those rows the second time: the same
		// confirmations.
		assertThat(redelivered.subList(0, 150)).map(outcome -> ((Outcome.Accepted) outcome).confirmation())
			.isEqualTo(stored.stream().map(outcome -> ((Outcome.Accepted) outcome).confirmation()).toList());
		assertThat(this.jdbc.queryForObject(
				"select count(*) from sessions s join topics t on t.id = s.topic_id " + "where t.event_id = ?",
				Integer.class, topic))
			.isEqualTo(170);
		assertThat(this.jdbc.queryForObject(
				"select count(distinct id) from sessions s where s.topic_id = "
						+ "(select id from topics where event_id = ?) and s.notes like 'first %'",
				Integer.class, topic))
			.isEqualTo(150);
		// Both times in one transaction: the redelivery is not mistaken for bad data.
		assertThat(output).doesNotContain("one by one");
	}

	private List<Outcome> ingestAll(List<String> json) {
		return this.pipeline.ingest(this.sessions,
				json.stream().map(each -> delivery("studytracker.session-logged", each)).toList());
	}

	private void sweepUntilSettled(UUID eventId) {
		for (int i = 0; i < 20 && parked(eventId) > 0; i++) {
			this.resolver.sweep();
		}
		assertThat(parked(eventId)).isZero();
	}

	private Outcome outcomeOf(UUID eventId) {
		return this.published.outcomes()
			.stream()
			.filter(outcome -> outcome instanceof Outcome.Accepted accepted
					? accepted.confirmation().eventId().equals(eventId)
					: outcome instanceof Outcome.Rejected rejected && rejected.confirmation().eventId().equals(eventId))
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private int parked(UUID eventId) {
		return this.jdbc.queryForObject("select count(*) from pending_sessions where event_id = ?", Integer.class,
				eventId);
	}

	private UUID storeTopic() {
		return storeTopic(UUID.randomUUID());
	}

	private UUID storeTopic(UUID eventId) {
		this.pipeline.ingest(this.topics, List.of(delivery("studytracker.topic-created", "{\"eventId\":\"" + eventId
				+ "\",\"occurredAt\":\"2026-11-25T09:00:00Z\",\"name\":\"Topic " + eventId + "\"}")));
		return eventId;
	}

	private Outcome ingest(String json) {
		return this.pipeline.ingest(this.sessions, List.of(delivery("studytracker.session-logged", json))).get(0);
	}

	private static String session(UUID eventId, UUID topicEventId, int minutes, String notes) {
		return "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"topicEventId\":\""
				+ topicEventId + "\",\"durationMinutes\":" + minutes + ",\"notes\":\"" + notes + "\"}";
	}

	private static Delivery delivery(String stream, String json) {
		return new Delivery(stream, 0, -1, 0, null, json.getBytes(StandardCharsets.UTF_8), List.of());
	}

}
