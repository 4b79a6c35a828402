package com.studytracker.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The table printed at the end of the suite (and rewritten to target/faults/report.txt
 * after each scenario).
 */
final class FaultReport {

	private static final List<String> ROWS = new ArrayList<>();

	private FaultReport() {
	}

	static synchronized void add(InvariantChecker.Result r) {
		ROWS.add(String.format("| %-34s | %6d+%-5d | %7d | %10d | %5d | %6d (%d unexpected) | %8s | %8s | %-4s | %s |",
				r.scenario(), r.good(), r.bad(), r.rows(), r.duplicates(), r.lost(), r.deadLetters(),
				r.unexpectedDeadLetters(), seconds(r.lagZeroAfter()), seconds(r.recovered()),
				r.passed() ? "PASS" : "FAIL",
				r.notes() + (r.bad() > 0 ? "; max produce-to-dead-letter " + r.maxDeadLetterMillis() + " ms" : "")
						+ (r.passed() ? "" : " -- " + String.join("; ", r.violations()))));
		write();
	}

	static synchronized void addLine(String scenario, boolean passed, String notes) {
		addLine(scenario, passed ? "PASS" : "FAIL", notes);
	}

	static synchronized void addLine(String scenario, String status, String notes) {
		ROWS.add(String.format("| %-34s | %12s | %7s | %10s | %5s | %20s | %8s | %8s | %-4s | %s |", scenario, "-", "-",
				"-", "-", "-", "-", "-", status, notes));
		write();
	}

	static synchronized String table() {
		StringBuilder sb = new StringBuilder();
		sb.append("\n=== StudyTracker fault suite: ")
			.append(FaultEnvironment.EVENTS)
			.append(" good events per scenario ===\n");
		sb.append(String.format("| %-34s | %12s | %7s | %10s | %5s | %20s | %8s | %8s | %-4s | %s |%n", "scenario",
				"events+bad", "rows", "duplicates", "lost", "dead letters", "lag 0 in", "recovered", "ok", "notes"));
		ROWS.forEach(r -> sb.append(r).append('\n'));
		sb.append(
				"(lag 0 in / recovered: seconds from the end of the last fault until consumer lag was 0 / until every "
						+ "expected confirmation and dead letter had arrived)\n");
		return sb.toString();
	}

	private static void write() {
		try {
			Files.createDirectories(FaultEnvironment.WORK_DIR);
			Files.writeString(FaultEnvironment.WORK_DIR.resolve("report.txt"), table(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			// the report is printed anyway
		}
	}

	private static String seconds(Duration d) {
		return (d == null) ? "-" : String.format("%.1f s", d.toMillis() / 1000.0);
	}

}
