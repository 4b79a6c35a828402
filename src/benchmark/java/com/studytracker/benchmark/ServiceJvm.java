package com.studytracker.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.studytracker.testsupport.StandaloneKafka;

/**
 * The service as users run it: its own JVM, {@code java -Xmx512m -jar
 * target/studytracker-*.jar}, with the production {@code application.yml}. Only
 * connection settings are passed, in the environment ({@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code DATABASE_URL}, {@code DATABASE_USERNAME}, {@code DATABASE_PASSWORD}, and free
 * {@code PORT} / {@code MANAGEMENT_PORT} so that nothing else on the machine collides).
 * The one JVM option added besides the heap is {@code -Xlog:gc:file=…}, which only
 * writes the GC log the memory report is read from. Output goes to
 * {@code target/benchmark/logs/<name>.log}.
 * <p>
 * Adapted from the fault suite's {@code ServiceProcess} (its launch by jar, environment
 * and health check), without its crash switches.
 */
final class ServiceJvm implements AutoCloseable {

	private static final Set<ServiceJvm> ALIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> ALIVE.forEach(s -> s.process.destroyForcibly()),
				"bench-services-shutdown"));
	}

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)\\s+([\\d.]+)ms");

	final String name;

	private final Process process;

	private final int managementPort;

	private final int port;

	private final Path log;

	private final Path gcLog;

	private final long startNanos = System.nanoTime();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ScheduledExecutorService sampler;

	/** Largest VmRSS seen since the last {@link #phase()} call, in kB. */
	private volatile long rssPeakKb;

	private ServiceJvm(String name, Process process, int port, int managementPort, Path log, Path gcLog) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.managementPort = managementPort;
		this.log = log;
		this.gcLog = gcLog;
		this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "bench-rss-" + name);
			t.setDaemon(true);
			return t;
		});
		this.sampler.scheduleAtFixedRate(() -> {
			long rss = status("VmRSS");
			if (rss > this.rssPeakKb) {
				this.rssPeakKb = rss;
			}
		}, 0, 200, TimeUnit.MILLISECONDS);
	}

	/** The packaged jar (built by {@code package}, before this profile's tests run). */
	static Path jar() {
		// -Dbench.jar=… measures another build (an A/B of two versions in one session).
		String named = System.getProperty("bench.jar", "");
		if (!named.isEmpty()) {
			return Path.of(named).toAbsolutePath();
		}
		Path dir = Path.of("target").toAbsolutePath();
		try (Stream<Path> files = Files.list(dir)) {
			return files
				.filter(p -> p.getFileName().toString().matches("studytracker-.*\\.jar")
						&& !p.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No target/studytracker-*.jar: run ./mvnw -Pbenchmark verify"
						+ " (the benchmark runs after package)"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the jar; returns at once (the process may still be starting).
	 * @param java the {@code java} launcher (the build's own JDK unless
	 * {@code -Dbench.java} names another)
	 * @param jvmArgs extra JVM options ({@code -Dbench.serviceJvmArgs}), empty by default
	 */
	static ServiceJvm start(String name, String java, String heap, List<String> jvmArgs, Map<String, String> env,
			Path logDir) {
		try {
			Files.createDirectories(logDir);
			Path log = logDir.resolve(name + ".log");
			Path gcLog = logDir.resolve(name + ".gc.log");
			Files.deleteIfExists(log);
			Files.deleteIfExists(gcLog);
			int managementPort = StandaloneKafka.freePort();
			List<String> cmd = new ArrayList<>();
			cmd.add(java);
			cmd.add("-Xmx" + heap);
			cmd.add("-Xlog:gc:file=" + gcLog);
			cmd.addAll(jvmArgs);
			cmd.add("-jar");
			cmd.add(jar().toString());
			ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			Map<String, String> childEnv = builder.environment();
			childEnv.keySet()
				.removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("SPRING_") || k.startsWith("STUDYTRACKER_")
						|| k.startsWith("MANAGEMENT_") || k.startsWith("JAVA_TOOL") || k.startsWith("JDK_JAVA")
						|| k.equals("KAFKA_BOOTSTRAP_SERVERS") || k.equals("PORT"));
			childEnv.putAll(env);
			int port = StandaloneKafka.freePort();
			childEnv.put("PORT", Integer.toString(port));
			childEnv.put("MANAGEMENT_PORT", Integer.toString(managementPort));
			Files.writeString(log, "=== " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
			ServiceJvm service = new ServiceJvm(name, builder.start(), port, managementPort, log, gcLog);
			ALIVE.add(service);
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	long startNanos() {
		return this.startNanos;
	}

	double secondsSinceStart() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	/** Waits until {@code /actuator/health} says UP (database, broker, listeners). */
	/** The service's own HTTP port (the read API). */
	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	void awaitHealthy(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
						+ " before it was healthy; see " + this.log + "\n" + tail(40));
			}
			try {
				HttpResponse<String> response = this.http.send(
						HttpRequest
							.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health"))
							.timeout(Duration.ofSeconds(10))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				last = response.statusCode() + " " + response.body();
				if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(this.name + " not healthy within " + timeout + ": " + last + "\n" + tail(40));
	}

	/**
	 * How many sessions were parked so far (their topic not stored when they came), from
	 * the service's own counter; -1 if it cannot be read.
	 */
	long sessionsParked() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"))
						.timeout(Duration.ofSeconds(10))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return response.body()
				.lines()
				.filter(line -> line.startsWith("studytracker_events_total{") && line.contains("outcome=\"deferred\"")
						&& line.contains("type=\"session-logged\""))
				.mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.findFirst()
				.orElse(-1);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	void assertAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see " + this.log
					+ "\n" + tail(40));
		}
	}

	/** A value of /proc/<pid>/status in kB (VmRSS, VmHWM), or -1. */
	long status(String key) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith(key + ":")) {
					return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// exited
		}
		return -1;
	}

	/** Memory during one phase: RSS (sampled every 200 ms) and heap (from the GC log). */
	record Memory(long rssPeakMiB, long hwmMiB, long heapBeforeGcMaxMiB, long heapAfterGcMaxMiB, long heapCommittedMiB,
			int gcPauses, double gcPauseMs) {

		String describe() {
			return String.format("RSS peak %d MiB (VmHWM %d), heap max %d MiB before GC / %d after, committed %d; "
					+ "%d GC pauses, %.0f ms", this.rssPeakMiB, this.hwmMiB, this.heapBeforeGcMaxMiB,
					this.heapAfterGcMaxMiB, this.heapCommittedMiB, this.gcPauses, this.gcPauseMs);
		}

	}

	private long gcLogOffset;

	/**
	 * Memory since the previous call (or since the start), and starts a new phase.
	 */
	synchronized Memory phase() {
		long rss = Math.max(this.rssPeakKb, status("VmRSS"));
		this.rssPeakKb = 0;
		long before = 0;
		long after = 0;
		long committed = 0;
		int pauses = 0;
		double pauseMs = 0;
		try (RandomAccessFile file = new RandomAccessFile(this.gcLog.toFile(), "r")) {
			long length = file.length();
			byte[] data = new byte[(int) Math.max(0, length - this.gcLogOffset)];
			file.seek(this.gcLogOffset);
			file.readFully(data);
			this.gcLogOffset = length;
			for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
				Matcher m = GC_LINE.matcher(line);
				if (m.find()) {
					before = Math.max(before, Long.parseLong(m.group(1)));
					after = Math.max(after, Long.parseLong(m.group(2)));
					committed = Math.max(committed, Long.parseLong(m.group(3)));
					if (line.contains("Pause")) {
						pauses++;
						pauseMs += Double.parseDouble(m.group(4));
					}
				}
			}
		}
		catch (IOException ex) {
			// no GC log (yet)
		}
		return new Memory(rss / 1024, status("VmHWM") / 1024, before, after, committed, pauses, pauseMs);
	}

	/** The collector the JVM chose ("Using G1"), from the GC log. */
	String collector() {
		try {
			return Files.readAllLines(this.gcLog)
				.stream()
				.filter(l -> l.contains("Using "))
				.map(l -> l.substring(l.indexOf("Using ") + 6).trim())
				.findFirst()
				.orElse("?");
		}
		catch (IOException ex) {
			return "?";
		}
	}

	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.ISO_8859_1);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/** Number of log lines with this text (e.g. ERROR). */
	long logCount(String text) {
		try (Stream<String> lines = Files.lines(this.log, StandardCharsets.ISO_8859_1)) {
			return lines.filter(l -> l.contains(text)).count();
		}
		catch (IOException | UncheckedIOException ex) {
			return -1;
		}
	}

	/** SIGTERM (graceful shutdown), SIGKILL after 90 s. */
	@Override
	public void close() throws InterruptedException {
		this.sampler.shutdownNow();
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(90, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		ALIVE.remove(this);
	}

}
