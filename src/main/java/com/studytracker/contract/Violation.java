package com.studytracker.contract;

/**
 * One way an event breaks its schema: where (a JSON pointer into the event) and what is
 * wrong.
 */
public record Violation(String pointer, String message) {
}
