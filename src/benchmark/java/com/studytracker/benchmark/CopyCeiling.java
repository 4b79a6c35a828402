package com.studytracker.benchmark;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical ceiling: the same N rows as a backlog of N events (10 % topics, 90 %
 * sessions with ~100-character notes, each session referencing one of the topics) loaded
 * with PostgreSQL's {@code COPY FROM STDIN} into the service's own schema (same indexes,
 * foreign key, unique {@code event_id}), on empty tables. The rows are written to files
 * first; only the two {@code COPY} statements are timed, each committed on its own.
 */
final class CopyCeiling {

	private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyz      ".toCharArray();

	record Result(long rows, double seconds, ProcessCpu.Delta cpu) {

		double rowsPerSecond() {
			return this.rows / this.seconds;
		}

	}

	private CopyCeiling() {
	}

	/**
	 * @param cpu takes a CPU snapshot; called right before and after the two COPYs, while
	 * their connection is still open (a backend's CPU time is gone once it exits)
	 */
	static Result run(BenchDatabase db, int events, Path dir, java.util.function.Supplier<ProcessCpu> cpu)
			throws Exception {
		Files.createDirectories(dir);
		int topics = Math.max(1, events / 10);
		int sessions = events - topics;
		Path topicFile = dir.resolve("copy-topics.tsv");
		Path sessionFile = dir.resolve("copy-sessions.tsv");
		Random random = new Random(42);
		try (Writer out = new BufferedWriter(new OutputStreamWriter(
				new BufferedOutputStream(Files.newOutputStream(topicFile), 1 << 16), StandardCharsets.UTF_8))) {
			for (int i = 1; i <= topics; i++) {
				out.write(i + "\tTopic " + i + "\tBenchmark topic number " + i + "\t2026-11-27 03:00:00+00\t"
						+ uuid(random) + "\t2026-11-25 09:30:00+00\n");
			}
		}
		char[] notes = new char[100];
		try (Writer out = new BufferedWriter(new OutputStreamWriter(
				new BufferedOutputStream(Files.newOutputStream(sessionFile), 1 << 16), StandardCharsets.UTF_8))) {
			for (int i = 1; i <= sessions; i++) {
				for (int c = 0; c < notes.length; c++) {
					notes[c] = LETTERS[random.nextInt(LETTERS.length)];
				}
				notes[0] = 'N';
				notes[notes.length - 1] = '.';
				out.write(i + "\t" + (1 + random.nextInt(topics)) + "\t2026-11-26\t" + (1 + random.nextInt(240)) + "\t");
				out.write(notes);
				out.write("\t2026-11-27 03:00:00+00\t" + uuid(random) + "\t2026-11-26 01:30:00+00\n");
			}
		}
		long rows;
		long start;
		long end;
		ProcessCpu before;
		ProcessCpu after;
		try (Connection c = db.connect()) {
			c.createStatement().execute("set statement_timeout = 0");
			CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
			before = cpu.get();
			start = System.nanoTime();
			try (InputStream in = Files.newInputStream(topicFile)) {
				rows = copy.copyIn("copy topics (id, name, description, created_at, event_id, occurred_at) from stdin",
						in, 1 << 16);
			}
			try (InputStream in = Files.newInputStream(sessionFile)) {
				rows += copy.copyIn("copy sessions (id, topic_id, study_date, duration_minutes, notes, created_at, "
						+ "event_id, occurred_at) from stdin", in, 1 << 16);
			}
			end = System.nanoTime();
			after = cpu.get();
		}
		if (rows != events || db.rows() != events) {
			throw new IllegalStateException("COPY loaded " + rows + " rows (tables hold " + db.rows() + "), expected "
					+ events);
		}
		Files.deleteIfExists(topicFile);
		Files.deleteIfExists(sessionFile);
		return new Result(rows, (end - start) / 1e9, after.since(before));
	}

	private static UUID uuid(Random random) {
		return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
				(random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
	}

}
