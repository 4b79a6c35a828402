package com.studytracker.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.Outcome;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchIsolationTest {

	private final List<List<String>> attempts = new ArrayList<>();

	@Test
	void rejectsOnlyTheRecordTheDatabaseRefuses() {
		List<Outcome> outcomes = BatchIsolation.store(List.of("a", "bad", "c"), this::storeRefusingBad, this::rejected);

		assertThat(outcomes).extracting(outcome -> outcome.getClass().getSimpleName())
			.containsExactly("Deferred", "Unreadable", "Deferred");
		assertThat(this.attempts).containsExactly(List.of("a", "bad", "c"), List.of("a"), List.of("bad"), List.of("c"));
	}

	@Test
	void retriesARecordThatLostAUniqueRaceInsteadOfRejectingIt() {
		List<String> raced = new ArrayList<>();
		List<Outcome> outcomes = BatchIsolation.store(List.of("x", "y"), items -> {
			if (items.size() > 1 || (items.get(0).equals("y") && raced.isEmpty())) {
				raced.add("once");
				throw data("23505");
			}
			return items.stream().map(BatchIsolationTest::stored).toList();
		}, this::rejected);

		assertThat(outcomes).allMatch(Outcome.Deferred.class::isInstance);
	}

	@Test
	void letsFailuresOfTheDatabaseItselfPropagateForABatchRetry() {
		assertThatThrownBy(() -> BatchIsolation.store(List.of("a", "b"), items -> {
			throw new QueryTimeoutException("statement timeout", new SQLException("canceled", "57014"));
		}, this::rejected)).isInstanceOf(QueryTimeoutException.class);
	}

	private List<Outcome> storeRefusingBad(List<String> items) {
		this.attempts.add(items);
		if (items.contains("bad")) {
			throw data("22001");
		}
		return items.stream().map(BatchIsolationTest::stored).toList();
	}

	private Outcome rejected(String item, String refusal) {
		return new Outcome.Unreadable(delivery(item), "refused");
	}

	private static Outcome stored(String item) {
		return new Outcome.Deferred(delivery(item));
	}

	private static Delivery delivery(String item) {
		return new Delivery("t", 0, 0, 0, null, item.getBytes(), List.of());
	}

	private static RuntimeException data(String sqlState) {
		return new DataIntegrityViolationException("refused", new SQLException("refused", sqlState));
	}

}
