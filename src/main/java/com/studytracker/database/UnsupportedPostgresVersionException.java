package com.studytracker.database;

/** The database server is older than the migrations need. */
public class UnsupportedPostgresVersionException extends RuntimeException {

	UnsupportedPostgresVersionException(String serverVersion) {
		super("PostgreSQL " + serverVersion + " is too old: StudyTracker needs PostgreSQL 13 or newer.");
	}

}
