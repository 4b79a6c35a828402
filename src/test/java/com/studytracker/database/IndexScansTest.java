package com.studytracker.database;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.studytracker.RulesTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IndexScansTest extends RulesTest {

	@Autowired
	IndexScans indexScans;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void holdsForTheRestOfTheTransactionOnly() {
		String inside = this.transaction.execute(status -> {
			this.indexScans.forThisTransaction();
			return this.jdbc.queryForObject("show enable_seqscan", String.class);
		});

		String after = this.transaction
			.execute(status -> this.jdbc.queryForObject("show enable_seqscan", String.class));

		assertThat(inside).isEqualTo("off");
		assertThat(after).isEqualTo("on");
	}

	@Test
	void aLookUpOfAWholeBatchProbesTheIndex() {
		UUID[] batch = Stream.generate(UUID::randomUUID).limit(2_000).toArray(UUID[]::new);

		List<String> plan = this.transaction.execute(status -> {
			this.indexScans.forThisTransaction();
			return this.jdbc.queryForList("explain select event_id, id from topics where event_id = any(?)",
					String.class, (Object) batch);
		});

		assertThat(String.join("\n", plan)).contains("Index").doesNotContain("Seq Scan");
	}

	@Test
	void refusesToRunOutsideATransaction() {
		// SET LOCAL outside a transaction would only warn, and change nothing.
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.indexScans.forThisTransaction());
	}

}
