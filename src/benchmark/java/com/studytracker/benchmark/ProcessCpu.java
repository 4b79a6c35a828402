package com.studytracker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time from /proc, in seconds: the service JVM (with its JIT compiler threads and GC
 * threads apart, from /proc/&lt;pid&gt;/task/*&#47;stat), the broker, the PostgreSQL
 * processes that work for the benchmark database, and the benchmark JVM itself (load
 * generator and collector; never counted in the service's cost).
 */
record ProcessCpu(long nanos, double service, double jit, double gc, double broker,
		java.util.Map<Long, Double> postgres, double harness) {

	private static final double TICKS_PER_SECOND = 100; // USER_HZ

	static ProcessCpu take(long servicePid, long brokerPid, String database) {
		double[] jitAndGc = new double[2];
		if (servicePid > 0) {
			forEachThread(servicePid, (name, userAndSystem) -> {
				double cpu = userAndSystem[0] + userAndSystem[1];
				if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
					jitAndGc[0] += cpu;
				}
				else if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
					jitAndGc[1] += cpu;
				}
			});
		}
		java.util.Map<Long, Double> postgres = Profiling.postgresCpuSeconds(database);
		return new ProcessCpu(System.nanoTime(), Profiling.cpuSeconds(servicePid), jitAndGc[0], jitAndGc[1],
				Profiling.cpuSeconds(brokerPid), postgres, Profiling.cpuSeconds(ProcessHandle.current().pid()));
	}

	/**
	 * CPU seconds by thread name with digits folded ({@code http-nio-N-exec-N}), user and
	 * system apart: where a process spends its time, for a diagnosis.
	 */
	static java.util.Map<String, double[]> byThreadName(long pid) {
		java.util.Map<String, double[]> cpu = new java.util.TreeMap<>();
		forEachThread(pid, (name, userAndSystem) -> {
			double[] sum = cpu.computeIfAbsent(name.replaceAll("[0-9]+", "N"), (n) -> new double[2]);
			sum[0] += userAndSystem[0];
			sum[1] += userAndSystem[1];
		});
		return cpu;
	}

	/** Each live thread's name (as /proc shows it) and its user and system CPU seconds. */
	private static void forEachThread(long pid, java.util.function.BiConsumer<String, double[]> action) {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					action.accept(name, new double[] { Long.parseLong(fields[11]) / TICKS_PER_SECOND,
							Long.parseLong(fields[12]) / TICKS_PER_SECOND });
				}
				catch (IOException | RuntimeException ex) {
					// thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			// process gone
		}
	}

	/** The largest differences of two {@link #byThreadName} snapshots, as text. */
	static String topThreads(java.util.Map<String, double[]> before, java.util.Map<String, double[]> after, int count) {
		return after.entrySet()
			.stream()
			.map((e) -> {
				double[] b = before.getOrDefault(e.getKey(), new double[2]);
				return java.util.Map.entry(e.getKey(), new double[] { e.getValue()[0] - b[0], e.getValue()[1] - b[1] });
			})
			.sorted((x, y) -> Double.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]))
			.limit(count)
			.map((e) -> String.format("%s %.2f s (sys %.2f)", e.getKey(), e.getValue()[0] + e.getValue()[1],
					e.getValue()[1]))
			.collect(java.util.stream.Collectors.joining(", "));
	}

	/** What happened between {@code earlier} and this snapshot. */
	Delta since(ProcessCpu earlier) {
		double postgres = 0;
		for (java.util.Map.Entry<Long, Double> process : this.postgres.entrySet()) {
			postgres += process.getValue() - earlier.postgres.getOrDefault(process.getKey(), 0.0);
		}
		return new Delta((this.nanos - earlier.nanos) / 1e9, this.service - earlier.service, this.jit - earlier.jit,
				this.gc - earlier.gc, this.broker - earlier.broker, postgres, this.harness - earlier.harness);
	}

	/**
	 * CPU seconds used in an interval. PostgreSQL's figure misses what a backend that
	 * exited within the interval used (the benchmark's own short look-ups).
	 */
	record Delta(double wall, double service, double jit, double gc, double broker, double postgres,
			double harness) {

		double total() {
			return this.service + this.broker + this.postgres;
		}

		/** µs per event: total, then its parts. */
		String perEvent(long events) {
			double k = 1e6 / events;
			return String.format("%.0f us (service %.0f, of which JIT %.0f, GC %.0f; broker %.0f; PostgreSQL %.0f)",
					total() * k, this.service * k, this.jit * k, this.gc * k, this.broker * k, this.postgres * k);
		}

		/** CPU as % of one core. */
		String load() {
			return String.format("service %.0f%%, broker %.0f%%, PostgreSQL %.0f%%, benchmark JVM %.0f%% of a core over %.1f s",
					100 * this.service / this.wall, 100 * this.broker / this.wall, 100 * this.postgres / this.wall,
					100 * this.harness / this.wall, this.wall);
		}

	}

}
