package com.studytracker.ingest;

import java.sql.SQLException;

/**
 * Tells database errors about one record's data (retrying cannot help: isolate the
 * record) from errors about the database itself (connection lost, timeout, lock: retry
 * the batch with backoff).
 */
public final class DataFaults {

	private DataFaults() {
	}

	/**
	 * Data exceptions (class 22, e.g. a NUL byte) and integrity violations (class 23).
	 */
	public static boolean isAboutTheData(Throwable failure) {
		String state = sqlState(failure);
		return state != null && (state.startsWith("22") || state.startsWith("23"));
	}

	public static boolean isUniqueViolation(Throwable failure) {
		return "23505".equals(sqlState(failure));
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
