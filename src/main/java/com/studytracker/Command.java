package com.studytracker;

import java.io.PrintStream;

/**
 * A command-line tool shipped in the service's jar ({@code java -jar studytracker.jar
 * <name> …}), found through {@link java.util.ServiceLoader} so the application knows no
 * tool by name.
 */
public interface Command {

	/** The first argument that selects this command. */
	String name();

	/** Runs with the arguments after the name; returns the process exit code. */
	int run(String[] args, PrintStream out);

}
