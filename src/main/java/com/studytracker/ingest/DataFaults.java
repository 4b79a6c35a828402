package com.studytracker.ingest;

import java.sql.SQLException;

/**
 * Tells database errors about one record's data (retrying cannot help: isolate the
 * record) from errors about the database itself (connection lost, timeout, lock: retry
 * the batch with backoff), and describes them without the row values that driver messages
 * may carry.
 */
public final class DataFaults {

	private DataFaults() {
	}

	/**
	 * Data exceptions (class 22, e.g. a NUL byte), integrity violations (class 23) and
	 * program limits (class 54, e.g. an index entry too large): the same record would
	 * fail the same way on every retry.
	 */
	public static boolean isAboutTheData(Throwable failure) {
		String state = sqlState(failure);
		return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
	}

	public static boolean isUniqueViolation(Throwable failure) {
		return "23505".equals(sqlState(failure));
	}

	/**
	 * SQLSTATE and constraint name only: safe to log and to tell a producer, never event
	 * content.
	 */
	public static String describe(Throwable failure) {
		String state = sqlState(failure);
		String constraint = constraintName(failure);
		if (state == null) {
			return failure.getClass().getSimpleName();
		}
		return "SQLSTATE " + state + ((constraint != null) ? ", constraint " + constraint : "");
	}

	private static String constraintName(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
				return violation.getConstraintName();
			}
		}
		return null;
	}

	private static String sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (next.getSQLState() != null) {
						return next.getSQLState();
					}
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
