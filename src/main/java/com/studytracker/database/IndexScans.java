package com.studytracker.database;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes the rest of the caller's transaction plan with indexes rather than whole-table
 * scans ({@code SET LOCAL enable_seqscan = off}, one round trip).
 *
 * <p>
 * Why: every statement of ingestion and of the sweep looks rows up by key, in tables that
 * grow or churn faster than autovacuum re-analyzes them. With its default costs
 * PostgreSQL scans {@code topics} whole for a batch of 2,000 ids once it holds ~100,000
 * rows, and a generic plan cached while a table was small keeps scanning it as it grows:
 * 12.6 ms per topic look-up instead of 0.56 (docs/benchmarks.md, run 10), 2 ms per
 * parked-row lock after a burst of parking left {@code pending_sessions} thousands of
 * pages long. An index probe stays a few µs at any size. Statements with no usable index
 * still run, as scans.
 */
@Component
public class IndexScans {

	private final JdbcClient jdbc;

	IndexScans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void forThisTransaction() {
		this.jdbc.sql("set local enable_seqscan = off").update();
	}

}
