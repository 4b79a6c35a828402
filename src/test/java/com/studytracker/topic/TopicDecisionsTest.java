package com.studytracker.topic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.studytracker.RulesTest;
import com.studytracker.contract.Delivery;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.RejectionCode;
import com.studytracker.ingest.IngestionPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The TopicCreated rules, against the database alone. */
@ExtendWith(OutputCaptureExtension.class)
class TopicDecisionsTest extends RulesTest {

	@Autowired
	IngestionPipeline pipeline;

	@Autowired
	TopicCreatedRules topics;

	@Test
	void acceptsANewTopicWithTheIdTheDatabaseGaveIt() {
		UUID eventId = UUID.randomUUID();

		Outcome.Accepted accepted = (Outcome.Accepted) ingest(topic(eventId, "Go", null)).get(0);

		assertThat(accepted.confirmation().topicId())
			.isEqualTo(this.jdbc.queryForObject("select id from topics where event_id = ?", Integer.class, eventId));
	}

	@Test
	void confirmsAResentTopicIdenticallyWithoutASecondRow() {
		UUID eventId = UUID.randomUUID();
		Outcome first = ingest(topic(eventId, "Go", "same")).get(0);

		Outcome again = ingest(topic(eventId, "Go", "same")).get(0);

		assertThat(((Outcome.Accepted) again).confirmation()).isEqualTo(((Outcome.Accepted) first).confirmation());
		assertThat(this.jdbc.queryForObject("select count(*) from topics where event_id = ?", Integer.class, eventId))
			.isOne();
	}

	@Test
	void theSecondOfTwoDifferentEventsWithOneIdInABatchIsAConflict() {
		UUID eventId = UUID.randomUUID();

		List<Outcome> outcomes = ingest(topic(eventId, "Go", null), topic(eventId, "Rust", "other"));

		assertThat(outcomes.get(0)).isInstanceOf(Outcome.Accepted.class);
		assertThat(((Outcome.Rejected) outcomes.get(1)).code()).isEqualTo(RejectionCode.EVENT_ID_CONFLICT);
		assertThat(((Outcome.Rejected) outcomes.get(1)).confirmation().reason().message())
			.contains("name, description");
	}

	@Test
	void aLargeBatchIsStoredWholeAndItsRedeliveryIsConfirmedFromTheSameRows(CapturedOutput output) {
		String prefix = "Bulk " + UUID.randomUUID() + " ";
		String[] batch = new String[120];
		for (int i = 0; i < batch.length; i++) {
			batch[i] = topic(UUID.randomUUID(), prefix + i, null);
		}
		List<Outcome> stored = ingest(batch);

		List<Outcome> again = ingest(batch);

		assertThat(stored).allMatch(Outcome.Accepted.class::isInstance);
		assertThat(again).map(outcome -> ((Outcome.Accepted) outcome).confirmation())
			.isEqualTo(stored.stream().map(outcome -> ((Outcome.Accepted) outcome).confirmation()).toList());
		assertThat(this.jdbc.queryForObject("select count(*) from topics where starts_with(name, ?)", Integer.class,
				prefix))
			.isEqualTo(120);
		// Both times in one transaction: the redelivery is not mistaken for bad data.
		assertThat(output).doesNotContain("one by one");
	}

	private List<Outcome> ingest(String... json) {
		return this.pipeline.ingest(this.topics,
				java.util.Arrays.stream(json)
					.map(value -> new Delivery("studytracker.topic-created", 0, -1, 0, null,
							value.getBytes(StandardCharsets.UTF_8), List.of()))
					.toList());
	}

	private static String topic(UUID eventId, String name, String description) {
		return "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-25T09:00:00Z\",\"name\":\"" + name
				+ "\",\"description\":" + ((description != null) ? "\"" + description + "\"" : "null") + "}";
	}

}
