package com.studytracker.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went: per process (/proc), per thread of this JVM, and JFR execution
 * samples.
 */
final class Profiling {

	private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

	/**
	 * The frames whose inclusive share the summary shows: the service's own, and library
	 * entry points.
	 */
	private static final java.util.regex.Pattern INCLUSIVE = java.util.regex.Pattern.compile(String.join("|",
			"com\\.studytracker\\.(?!benchmark)[^$]*",
			"org\\.hibernate\\.internal\\.SessionImpl\\.(flush|persist|merge|find)",
			"org\\.hibernate\\.query\\.spi\\.AbstractSelectionQuery\\.list",
			"org\\.hibernate\\.engine\\.jdbc\\.batch\\.internal\\.BatchImpl\\.performExecution",
			"org\\.hibernate\\.event\\.internal\\.AbstractFlushingEventListener\\.(flushEverythingToExecutions|performExecutions)",
			"org\\.hibernate\\.resource\\.transaction\\..*\\.commit",
			"org\\.springframework\\.transaction\\.support\\.AbstractPlatformTransactionManager\\.(commit|getTransaction)",
			"org\\.springframework\\.data\\.jpa\\.repository\\.support\\.SimpleJpaRepository\\.\\w+",
			"org\\.postgresql\\.jdbc\\.PgPreparedStatement\\.(executeBatch|executeQuery|executeUpdate|execute)",
			"org\\.postgresql\\.jdbc\\.PgStatement\\.executeBatch", "com\\.networknt\\.schema\\.Schema\\.validate",
			"tools\\.jackson\\.databind\\.ObjectMapper\\.(readTree|treeToValue|writeValueAsBytes)",
			"org\\.apache\\.kafka\\.clients\\.producer\\.KafkaProducer\\.(send|doSend)",
			"org\\.apache\\.kafka\\.clients\\.consumer\\..*KafkaConsumer\\.poll",
			"org\\.springframework\\.kafka\\.listener\\.KafkaMessageListenerContainer\\$ListenerConsumer\\.(commitIfNecessary|doCommitSync|pollAndInvoke)",
			"io\\.micrometer\\..*\\.(increment|record)", "ch\\.qos\\.logback\\.classic\\.Logger\\.\\w+"));

	private Profiling() {
	}

	/**
	 * CPU seconds used so far by this JVM, the broker, all PostgreSQL processes, and per
	 * thread here.
	 */
	record CpuSnapshot(long nanos, double self, double broker, Map<Long, Double> postgres, Map<String, Long> threads,
			long gcCount, long gcMillis) {

		static CpuSnapshot take(long brokerPid, String database) {
			long gcCount = 0;
			long gcMillis = 0;
			for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				gcCount += Math.max(0, gc.getCollectionCount());
				gcMillis += Math.max(0, gc.getCollectionTime());
			}
			return new CpuSnapshot(System.nanoTime(), cpuSeconds(ProcessHandle.current().pid()), cpuSeconds(brokerPid),
					postgresCpuSeconds(database), threadCpuNanos(), gcCount, gcMillis);
		}

		/**
		 * CPU per thread of this JVM, Java and native (GC, JIT), by the kernel's
		 * (15-character) thread name.
		 */
		private static Map<String, Long> threadCpuNanos() {
			Map<String, Long> threads = new HashMap<>();
			try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
				for (Path task : tasks.toList()) {
					try {
						String stat = Files.readString(task.resolve("stat"));
						String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						threads.merge(group(name), ticks * (1_000_000_000L / TICKS_PER_SECOND), Long::sum);
					}
					catch (IOException | RuntimeException ex) {
						// thread ended meanwhile
					}
				}
			}
			catch (IOException ex) {
				// no /proc
			}
			return threads;
		}

		/**
		 * CPU time per event of each process, and what that would allow on two dedicated
		 * cores.
		 */
		String perEvent(CpuSnapshot earlier, long events) {
			double self = this.self - earlier.self;
			double broker = this.broker - earlier.broker;
			double postgres = postgresDelta(earlier);
			double total = self + broker + postgres;
			double jit = 0;
			for (Map.Entry<String, Long> thread : this.threads.entrySet()) {
				if (thread.getKey().contains("CompilerThre")) {
					jit += (thread.getValue() - earlier.threads.getOrDefault(thread.getKey(), 0L)) / 1e9;
				}
			}
			return String
				.format("  CPU per event: %.0f us (benchmark JVM %.0f, of which JIT compiler threads %.0f; broker %.0f; "
						+ "PostgreSQL %.0f) -> %,.0f events/s if these three had both cores to themselves, %,.0f once the JIT "
						+ "has settled%n", 1e6 * total / events, 1e6 * self / events, 1e6 * jit / events,
						1e6 * broker / events, 1e6 * postgres / events, 2 * events / total, 2 * events / (total - jit));
		}

		private double postgresDelta(CpuSnapshot earlier) {
			double delta = 0;
			for (Map.Entry<Long, Double> process : this.postgres.entrySet()) {
				delta += process.getValue() - earlier.postgres.getOrDefault(process.getKey(), 0.0);
			}
			return delta;
		}

		/**
		 * The CPU used between {@code earlier} and this snapshot, as a few report lines.
		 */
		String since(CpuSnapshot earlier) {
			double wall = (this.nanos - earlier.nanos) / 1e9;
			StringBuilder sb = new StringBuilder();
			sb.append(String.format(
					"  wall %.1f s; CPU in %% of one core (2 cores = 200%%): benchmark JVM (service + load/collector) %.0f%%, "
							+ "Kafka broker %.0f%%, PostgreSQL %.0f%%; GC %d collections, %d ms%n",
					wall, 100 * (this.self - earlier.self) / wall, 100 * (this.broker - earlier.broker) / wall,
					100 * postgresDelta(earlier) / wall, this.gcCount - earlier.gcCount,
					this.gcMillis - earlier.gcMillis));
			Map<String, Long> delta = new HashMap<>();
			this.threads.forEach((name, cpu) -> delta.put(name, cpu - earlier.threads.getOrDefault(name, 0L)));
			sb.append("  threads of the benchmark JVM (% of one core):");
			delta.entrySet()
				.stream()
				.filter(e -> e.getValue() > 0.005 * wall * 1e9)
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(16)
				.forEach(e -> sb.append(String.format(" %s %.0f%%;", e.getKey(), 100 * e.getValue() / 1e9 / wall)));
			sb.append('\n');
			return sb.toString();
		}

	}

	/** Thread names without their numbers, so a pool counts as one line. */
	static String group(String name) {
		return name.replaceAll("\\d+", "#");
	}

	static double cpuSeconds(long pid) {
		if (pid <= 0) {
			return 0;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[0] is field 3 (state); utime is field 14, stime field 15
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * CPU seconds per PostgreSQL process that works for the benchmark: the backends
	 * connected to its database, and the server's WAL writer, checkpointer and background
	 * writer (shared with any other database in use meanwhile).
	 */
	static Map<Long, Double> postgresCpuSeconds(String database) {
		Map<Long, Double> cpu = new HashMap<>();
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.toList()) {
				String name = proc.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					if (!Files.readString(proc.resolve("comm")).trim().equals("postgres")) {
						continue;
					}
					String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
					if (cmdline.contains(" " + database + " ") || cmdline.contains("walwriter")
							|| cmdline.contains("checkpointer") || cmdline.contains("background writer")) {
						cpu.put(Long.parseLong(name), cpuSeconds(Long.parseLong(name)));
					}
				}
				catch (IOException | RuntimeException ex) {
					// gone meanwhile
				}
			}
		}
		catch (IOException ex) {
			// no /proc: report 0
		}
		return cpu;
	}

	/** VmRSS and VmHWM (peak RSS) of this JVM, in MiB. */
	static String memory() {
		try {
			Map<String, String> status = new LinkedHashMap<>();
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					status.put(line.substring(0, colon), line.substring(colon + 1).trim());
				}
			}
			return "RSS " + mib(status.get("VmRSS")) + " MiB, peak RSS (VmHWM) " + mib(status.get("VmHWM")) + " MiB";
		}
		catch (IOException ex) {
			return "RSS unknown (" + ex + ")";
		}
	}

	static long peakRssMiB() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return mib(line.substring(6).trim());
				}
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return -1;
	}

	private static long mib(String kb) {
		return (kb == null) ? -1 : Long.parseLong(kb.replace("kB", "").trim()) / 1024;
	}

	/**
	 * The hot spots of a JFR recording: samples by library (the innermost frame outside
	 * the JDK decides), top methods by self samples, and the service's own methods by
	 * inclusive samples.
	 */
	static String summarizeJfr(Path recording, int top) throws IOException {
		Map<String, Integer> byLibrary = new HashMap<>();
		Map<String, Integer> selfByMethod = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		Map<String, Integer> byThread = new HashMap<>();
		int samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if (stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				samples++;
				byThread.merge(group(event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
				List<RecordedFrame> frames = stack.getFrames();
				selfByMethod.merge(name(frames.get(0)), 1, Integer::sum);
				String library = "JDK only";
				for (RecordedFrame frame : frames) {
					String type = frame.getMethod().getType().getName();
					if (!isJdk(type)) {
						library = library(type);
						break;
					}
				}
				byLibrary.merge(library, 1, Integer::sum);
				Set<String> seen = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String method = name(frame);
					if (INCLUSIVE.matcher(method).matches() && seen.add(method)) {
						inclusive.merge(method, 1, Integer::sum);
					}
				}
			}
		}
		StringBuilder sb = new StringBuilder();
		int total = Math.max(1, samples);
		sb.append(String.format("JFR execution samples: %d (%s)%n", samples, recording));
		sb.append("  by thread:\n");
		appendTop(sb, byThread, total, 10);
		sb.append("  by library (innermost non-JDK frame):\n");
		appendTop(sb, byLibrary, total, 15);
		sb.append("  top methods, self:\n");
		appendTop(sb, selfByMethod, total, top);
		sb.append("  service/library methods, inclusive:\n");
		appendTop(sb, inclusive, total, top + 10);
		return sb.toString();
	}

	private static void appendTop(StringBuilder sb, Map<String, Integer> counts, int total, int limit) {
		List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
		for (Map.Entry<String, Integer> e : entries.subList(0, Math.min(limit, entries.size()))) {
			sb.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
		}
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static boolean isJdk(String type) {
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
				|| type.startsWith("javax.") || type.startsWith("com.sun.");
	}

	private static String library(String type) {
		String[][] known = { { "com.studytracker.benchmark.", "benchmark (load, collector)" },
				{ "com.studytracker.", "service code" }, { "org.hibernate.", "Hibernate" },
				{ "org.postgresql.", "pgjdbc" }, { "com.zaxxer.hikari.", "Hikari" },
				{ "com.networknt.", "JSON schema validator" }, { "tools.jackson.", "Jackson" },
				{ "com.fasterxml.jackson.", "Jackson" }, { "org.apache.kafka.", "Kafka clients" },
				{ "org.springframework.kafka.", "Spring Kafka" }, { "org.springframework.data.", "Spring Data" },
				{ "org.springframework.orm.", "Spring ORM" }, { "org.springframework.transaction.", "Spring TX" },
				{ "org.springframework.", "Spring (other)" }, { "io.micrometer.", "Micrometer" },
				{ "ch.qos.logback.", "Logback" }, { "org.slf4j.", "SLF4J" }, { "org.apache.catalina.", "Tomcat" },
				{ "org.apache.tomcat.", "Tomcat" } };
		for (String[] k : known) {
			if (type.startsWith(k[0])) {
				return k[1];
			}
		}
		int dot = type.indexOf('.', type.indexOf('.') + 1);
		return (dot > 0) ? type.substring(0, dot) : type;
	}

}
