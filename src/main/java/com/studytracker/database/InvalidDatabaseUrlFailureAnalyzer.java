package com.studytracker.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a malformed {@code DATABASE_URL} into one line instead of a stack trace. */
public class InvalidDatabaseUrlFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDatabaseUrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDatabaseUrlException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set DATABASE_URL to postgresql://user:password@host:5432/database (percent-encode special characters).",
				cause);
	}

}
