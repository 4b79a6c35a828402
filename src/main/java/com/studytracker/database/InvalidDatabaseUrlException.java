package com.studytracker.database;

/** {@code DATABASE_URL} cannot be understood; the message never contains the password. */
public class InvalidDatabaseUrlException extends RuntimeException {

	InvalidDatabaseUrlException(String problem) {
		super("DATABASE_URL is malformed: " + problem);
	}

}
