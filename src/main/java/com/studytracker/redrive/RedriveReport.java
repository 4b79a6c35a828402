package com.studytracker.redrive;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run selected, per dead-letter stream and rejection code, and what it skipped.
 */
class RedriveReport {

	private final boolean dryRun;

	private final Map<String, Map<String, Long>> selected = new TreeMap<>();

	private final Map<String, Long> skipped = new TreeMap<>();

	RedriveReport(boolean dryRun) {
		this.dryRun = dryRun;
	}

	void selected(String stream, String code) {
		this.selected.computeIfAbsent(stream, key -> new TreeMap<>()).merge(code, 1L, Long::sum);
	}

	void skipped(String why) {
		this.skipped.merge(why, 1L, Long::sum);
	}

	long selected() {
		return this.selected.values()
			.stream()
			.flatMap(codes -> codes.values().stream())
			.mapToLong(Long::longValue)
			.sum();
	}

	/** Selected records of this code, over all streams. */
	long selected(String code) {
		return this.selected.values().stream().mapToLong(codes -> codes.getOrDefault(code, 0L)).sum();
	}

	long skipped() {
		return this.skipped.values().stream().mapToLong(Long::longValue).sum();
	}

	void print(PrintStream out) {
		String verb = this.dryRun ? "Would redrive" : "Redriven";
		out.printf("%s: %d dead letters%n", verb, selected());
		this.selected.forEach(
				(stream, codes) -> codes.forEach((code, count) -> out.printf("  %s %s: %d%n", stream, code, count)));
		if (!this.skipped.isEmpty()) {
			out.printf("Skipped: %d%n", skipped());
			this.skipped.forEach((why, count) -> out.printf("  %s: %d%n", why, count));
		}
	}

}
