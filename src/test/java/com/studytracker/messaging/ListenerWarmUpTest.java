package com.studytracker.messaging;

import java.util.UUID;

import com.studytracker.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up before the listeners start runs the real pipeline on synthetic events and
 * leaves no row behind (it publishes nothing: it never reaches the publisher); real
 * events that follow are stored as usual.
 */
class ListenerWarmUpTest extends IntegrationTest {

	@Autowired
	private ListenerWarmUp warmUp;

	@Test
	void aWarmUpRoundLeavesNoRowBehind() {
		long parkedBefore = this.jdbc.queryForObject("select count(*) from pending_sessions", Long.class);

		this.warmUp.round(500);

		assertThat(
				this.jdbc.queryForObject("select count(*) from topics where name like 'Warm-up topic %'", Long.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from sessions where notes = 'Rolled back'", Long.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from pending_sessions", Long.class))
			.isLessThanOrEqualTo(parkedBefore);
	}

	@Test
	void eventsAfterTheWarmUpAreStoredAndConfirmed() {
		this.warmUp.round(200);

		int topicId = createTopic(UUID.randomUUID());

		assertThat(topicId).isPositive();
		assertThat(this.jdbc.queryForObject("select count(*) from topics where id = ?", Long.class, topicId)).isOne();
	}

}
