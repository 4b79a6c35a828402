package com.studytracker.database;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Names the database the service could not reach at startup and why (refused, unknown
 * host, wrong password, missing database), without the password and without a page of
 * stack trace.
 */
public class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

	private final Environment environment;

	public DatabaseUnavailableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		String state = cause.getSQLState();
		if (state == null || !(state.startsWith("08") || state.startsWith("28") || state.equals("3D000"))) {
			return null;
		}
		String url = DatabaseUrl.redact(this.environment.getProperty("spring.datasource.url", "(unset)"));
		String source = this.environment.containsProperty("DATABASE_URL") ? "DATABASE_URL" : "spring.datasource.url";
		return new FailureAnalysis(
				"Cannot connect to the database " + url + " (from " + source + "): " + cause.getMessage(),
				"Check that PostgreSQL is running and reachable, and that " + source
						+ " (and DATABASE_USERNAME / DATABASE_PASSWORD, if set) are right.",
				cause);
	}

}
