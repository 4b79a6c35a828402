package com.studytracker.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a too-old PostgreSQL server into one line instead of a failed migration. */
public class UnsupportedPostgresVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedPostgresVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedPostgresVersionException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Upgrade the server to PostgreSQL 13 or newer (the migrations use its built-in gen_random_uuid()).",
				cause);
	}

}
