package com.studytracker.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.testsupport.StandaloneKafka;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's benchmark: {@code ./mvnw -Pbenchmark verify} (never part of the default
 * build: the class name does not match Surefire's default includes). One JVM (run with
 * {@code -Xmx512m}) holds the service; a standalone KRaft broker runs in a child JVM; the
 * local PostgreSQL holds database {@code studytracker_bench}. Phases, each on fresh
 * topics:
 * <ol>
 * <li>Kafka's own ProducerPerformance (child JVM): N records of 200 bytes,
 * {@code acks=all} — the ceiling.</li>
 * <li>The naive baseline ({@link NaiveBaseline}) on a smaller backlog.</li>
 * <li>The service on a backlog of N events on empty tables (after a warm-up on the same
 * topics): from starting its listeners to the last confirmation, verified (N rows, N
 * distinct ACCEPTED confirmations, no dead letters, no parked sessions), with a JFR
 * recording of the phase.</li>
 * <li>Latency at a fixed rate against the running service.</li>
 * <li>The same backlog run with many rows already in {@code sessions}.</li>
 * </ol>
 * Prints a table (also written to {@code target/benchmark/}); fails only if a run cannot
 * be verified, not if a target is missed. See docs/benchmarks.md.
 */
class IngestionBenchmark {

	// ---- parameters (-Dbench.*)
	// --------------------------------------------------------------------

	private static final int EVENTS = Integer.getInteger("bench.events", 300_000);

	/**
	 * Before the main phase: enough for the JIT to settle on two cores (C2 keeps
	 * compiling for ~500-700k events).
	 */
	private static final int WARMUP_EVENTS = Integer.getInteger("bench.warmupEvents", 600_000);

	/**
	 * Before the with-data phase (a new service instance in the same, already warm JVM).
	 */
	private static final int DATA_WARMUP_EVENTS = Integer.getInteger("bench.dataWarmupEvents", 50_000);

	private static final int BASELINE_EVENTS = Integer.getInteger("bench.baselineEvents", 3_000);

	private static final int BASELINE_LINGER_MS = Integer.getInteger("bench.baselineLingerMs", 5);

	private static final int RATE = Integer.getInteger("bench.rate", 2_000);

	private static final int RATE_SECONDS = Integer.getInteger("bench.rateSeconds", 20);

	private static final long PRELOAD_ROWS = Long.getLong("bench.preloadRows", 1_000_000L);

	private static final int PERF_RUNS = Integer.getInteger("bench.perfRuns", 2);

	private static final boolean JFR = Boolean.parseBoolean(System.getProperty("bench.jfr", "true"));

	private static final String PHASES = System.getProperty("bench.phases", "perf,baseline,main,rate,data");

	private static final String SERVICE_ARGS = System.getProperty("bench.serviceArgs", "");

	private static final String BROKER_HEAP = System.getProperty("bench.brokerHeap", "1g");

	private static final String DB_URL = System.getProperty("bench.dbUrl",
			"jdbc:postgresql://127.0.0.1:5432/studytracker_bench");

	private static final String DB_USER = System.getProperty("bench.dbUser", "studytracker_bench");

	private static final String DB_PASSWORD = System.getProperty("bench.dbPassword", "studytracker_bench");

	private static final Path OUT = Path.of(System.getProperty("bench.outputDir", "target/benchmark"));

	private final StringBuilder log = new StringBuilder();

	private final List<String> failures = new ArrayList<>();

	private StandaloneKafka kafka;

	private BenchDatabase db;

	private final String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));

	// ---- results
	// -------------------------------------------------------------------------------------

	private final List<Double> perfRates = new ArrayList<>();

	private Result baseline;

	private Result main;

	private Result rate;

	private Result withData;

	private String mainCpu = "";

	private Result profiled;

	private String profiledCpu = "";

	private String dataCpu = "";

	private String jfrSummary = "";

	private String preloadInfo = "";

	private long peakRssAfterMain = -1;

	private long heapUsedMax = -1;

	@Test
	void benchmark() throws Exception {
		quietClientLogging();
		Files.createDirectories(OUT);
		say("Benchmark %s: events=%d warmup=%d/%d baseline=%d rate=%d/s for %d s preloadRows=%d phases=%s serviceArgs=[%s]",
				this.run, EVENTS, WARMUP_EVENTS, DATA_WARMUP_EVENTS, BASELINE_EVENTS, RATE, RATE_SECONDS, PRELOAD_ROWS,
				PHASES, SERVICE_ARGS);
		say("Machine: %d cores, %s, max heap of this JVM %d MiB", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() / 1024 / 1024);
		this.db = new BenchDatabase(DB_URL, DB_USER, DB_PASSWORD);
		this.db.prepare();
		this.db.truncate(true);
		Path kafkaDir = OUT.resolve("kafka-" + this.run);
		this.kafka = StandaloneKafka.start(kafkaDir, 0, BROKER_HEAP);
		say("Broker %s (pid %d, -Xmx%s), database %s", this.kafka.bootstrapServers(), this.kafka.pid(), BROKER_HEAP,
				DB_URL);
		boolean completed = false;
		try {
			if (PHASES.contains("perf")) {
				producerPerformance();
			}
			if (PHASES.contains("baseline")) {
				baseline();
				this.db.truncate(true);
			}
			if (PHASES.contains("main") || PHASES.contains("rate")) {
				mainAndRate();
			}
			if (PHASES.contains("data")) {
				withData();
			}
			completed = true;
		}
		finally {
			this.kafka.close();
			if (completed && this.failures.isEmpty()) {
				deleteRecursively(kafkaDir);
			}
			else {
				System.out.println("[bench] broker data and log kept in " + kafkaDir.toAbsolutePath());
			}
		}
		String table = table();
		say("%s", table);
		Path results = OUT.resolve("results-" + this.run + ".txt");
		Files.writeString(results, this.log.toString(), StandardCharsets.UTF_8);
		System.out.println("Results written to " + results.toAbsolutePath());
		assertThat(this.failures).as("verification of the benchmark's own runs").isEmpty();
	}

	// ---- phases
	// --------------------------------------------------------------------------------------

	private void producerPerformance() throws Exception {
		String topic = "bench." + this.run + ".perf";
		createTopics(List.of(topic));
		for (int i = 1; i <= PERF_RUNS; i++) {
			List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-cp",
					System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance", "--topic",
					topic, "--num-records", Integer.toString(EVENTS), "--record-size", "200", "--throughput", "-1",
					"--producer-props", "acks=all", "bootstrap.servers=" + this.kafka.bootstrapServers()));
			Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			String last = null;
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					if (line.contains("records sent")) {
						last = line;
					}
				}
			}
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || last == null) {
				throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + ")");
			}
			Matcher m = Pattern.compile("([\\d.]+) records/sec").matcher(last);
			if (!m.find()) {
				throw new IllegalStateException("Cannot read ProducerPerformance's result: " + last);
			}
			this.perfRates.add(Double.parseDouble(m.group(1)));
			say("ProducerPerformance run %d: %s", i, last);
		}
	}

	private void baseline() throws Exception {
		ServiceTopics topics = new ServiceTopics("bench." + this.run + ".baseline");
		createTopics(topics.all());
		Workload workload = new Workload(1);
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(BASELINE_EVENTS);
		try (KafkaProducer<byte[], byte[]> producer = Workload.producer(this.kafka.bootstrapServers(), "bench-preload",
				10)) {
			workload.preload(producer, topics, BASELINE_EVENTS, inputs);
		}
		long rowsBefore = this.db.rows();
		try (ConfirmationCollector collector = new ConfirmationCollector(this.kafka.bootstrapServers(), topics)) {
			ConfirmationCollector.Measurement m = collector.measure("baseline", inputs, BASELINE_EVENTS);
			long start = System.nanoTime();
			try (NaiveBaseline naive = new NaiveBaseline(this.kafka.bootstrapServers(), this.db, topics,
					BASELINE_LINGER_MS)) {
				naive.start();
				Duration timeout = Duration.ofSeconds(60 + BASELINE_EVENTS / 20);
				boolean done = m.await(timeout);
				if (naive.failure() != null) {
					throw new IllegalStateException("Baseline failed", naive.failure());
				}
				if (!done) {
					this.failures.add("baseline: only " + m.distinct() + " of " + BASELINE_EVENTS + " confirmed within "
							+ timeout);
				}
			}
			this.baseline = verify("baseline", m, start, BASELINE_EVENTS, this.db.rows() - rowsBefore, collector);
		}
	}

	private void mainAndRate() throws Exception {
		ServiceTopics topics = new ServiceTopics("bench." + this.run + ".main");
		createTopics(topics.all());
		Workload workload = new Workload(2);
		try (ConfirmationCollector collector = new ConfirmationCollector(this.kafka.bootstrapServers(), topics);
				ServiceUnderTest service = startService(topics, "bench-main")) {
			warmUp(service, workload, topics, collector, WARMUP_EVENTS);
			if (PHASES.contains("main")) {
				emptyTables(service, workload);
				CpuAndResult measured = backlogRun("main", service, workload, topics, collector, false);
				this.main = measured.result;
				this.mainCpu = measured.cpu;
				this.peakRssAfterMain = Profiling.peakRssMiB();
				if (JFR) {
					// The same run again under a JFR recording, reported apart: the
					// recording costs throughput.
					service.pause();
					emptyTables(service, workload);
					CpuAndResult profiled = backlogRun("main, profiled", service, workload, topics, collector, true);
					this.profiled = profiled.result;
					this.profiledCpu = profiled.cpu;
				}
			}
			else {
				service.resume();
			}
			if (PHASES.contains("rate")) {
				rate(workload, topics, collector);
			}
		}
	}

	/**
	 * Empties the tables under a paused service (no identity restart: it holds pooled
	 * ids).
	 */
	private void emptyTables(ServiceUnderTest service, Workload workload) throws Exception {
		this.db.truncate(false);
		workload.forgetTopics();
	}

	private void rate(Workload workload, ServiceTopics topics, ConfirmationCollector collector) throws Exception {
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(RATE * RATE_SECONDS);
		ConfirmationCollector.Measurement m = collector.measure("rate", inputs, Integer.MAX_VALUE);
		long rowsBefore = this.db.rows();
		long start = System.nanoTime();
		int sent;
		try (KafkaProducer<byte[], byte[]> producer = Workload.producer(this.kafka.bootstrapServers(), "bench-rate",
				0)) {
			sent = workload.produceAtRate(producer, topics, RATE, Duration.ofSeconds(RATE_SECONDS), inputs);
		}
		m.expect(sent);
		if (!m.await(Duration.ofSeconds(120))) {
			this.failures.add("rate: only " + m.distinct() + " of " + sent + " confirmed");
		}
		long pending = awaitNoPending();
		this.rate = verify("rate " + RATE + "/s", m, start, sent, this.db.rows() - rowsBefore, collector);
		this.rate.pending = pending;
		say("  offered %.0f events/s", sent / (RATE_SECONDS * 1.0));
	}

	private void withData() throws Exception {
		this.db.truncate(true);
		long t0 = System.nanoTime();
		this.db.preloadSessions(PRELOAD_ROWS,
				done -> say("  preloaded %,d rows into sessions (%.0f s)", done, (System.nanoTime() - t0) / 1e9));
		this.preloadInfo = String.format("%,d rows preloaded in %.0f s; %s", PRELOAD_ROWS,
				(System.nanoTime() - t0) / 1e9, this.db.sizes());
		say("  %s", this.preloadInfo);
		ServiceTopics topics = new ServiceTopics("bench." + this.run + ".data");
		createTopics(topics.all());
		Workload workload = new Workload(3);
		try (ConfirmationCollector collector = new ConfirmationCollector(this.kafka.bootstrapServers(), topics);
				ServiceUnderTest service = startService(topics, "bench-data")) {
			warmUp(service, workload, topics, collector, DATA_WARMUP_EVENTS);
			CpuAndResult measured = backlogRun("with " + PRELOAD_ROWS + " rows", service, workload, topics, collector,
					false);
			this.withData = measured.result;
			this.dataCpu = measured.cpu;
		}
	}

	// ---- building blocks
	// -------------------------------------------------------------------------

	private ServiceUnderTest startService(ServiceTopics topics, String group) throws InterruptedException {
		this.db.awaitAvailable();
		long t0 = System.nanoTime();
		List<String> extra = SERVICE_ARGS.isBlank() ? List.of() : Arrays.asList(SERVICE_ARGS.trim().split("\\s+"));
		ServiceUnderTest service = ServiceUnderTest.start(this.kafka.bootstrapServers(), this.db, topics, group, extra);
		say("Service started in %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
		return service;
	}

	/**
	 * Runs the service over a first backlog on the same topics (JIT, pools, group
	 * membership), then stops it.
	 */
	private void warmUp(ServiceUnderTest service, Workload workload, ServiceTopics topics,
			ConfirmationCollector collector, int events) throws Exception {
		service.startListeners();
		if (events <= 0) {
			service.pause();
			return;
		}
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(events);
		ConfirmationCollector.Measurement m = collector.measure("warm-up", inputs, events);
		long start = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = Workload.producer(this.kafka.bootstrapServers(), "bench-preload",
				10)) {
			workload.preload(producer, topics, events, inputs);
		}
		service.resume();
		if (!m.await(Duration.ofSeconds(120 + events / 500))) {
			throw new IllegalStateException("Warm-up: only " + m.distinct() + " of " + events + " confirmed");
		}
		say("Warm-up: %d events in %d ms", events, TimeUnit.NANOSECONDS.toMillis(m.doneNanos() - start));
		awaitNoPending();
		// Paused, not stopped: the consumers keep their group membership and partitions,
		// so the measured
		// run starts consuming at once instead of waiting for a rebalance.
		service.pause();
	}

	private record CpuAndResult(Result result, String cpu) {
	}

	/**
	 * Preloads N events while the listeners are stopped, then starts them and times the
	 * backlog.
	 */
	private CpuAndResult backlogRun(String name, ServiceUnderTest service, Workload workload, ServiceTopics topics,
			ConfirmationCollector collector, boolean jfr) throws Exception {
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(EVENTS);
		long p0 = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = Workload.producer(this.kafka.bootstrapServers(), "bench-preload",
				10)) {
			workload.preload(producer, topics, EVENTS, inputs);
		}
		say("%s: %,d events preloaded into the input topics in %d ms", name, EVENTS,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p0));
		long rowsBefore = this.db.rows();
		ConfirmationCollector.Measurement m = collector.measure(name, inputs, EVENTS);
		System.gc();
		Recording recording = null;
		if (jfr) {
			// JFR's low-overhead "default" settings, with Java execution sampled every 10
			// ms as in "profile"
			recording = new Recording(Configuration.getConfiguration("default"));
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
		}
		HeapSampler heap = new HeapSampler();
		Profiling.CpuSnapshot cpu0 = Profiling.CpuSnapshot.take(this.kafka.pid(), databaseName());
		long start = System.nanoTime();
		service.resume();
		Duration timeout = Duration.ofSeconds(120 + EVENTS / 500);
		boolean done = m.await(timeout);
		Profiling.CpuSnapshot cpu1 = Profiling.CpuSnapshot.take(this.kafka.pid(), databaseName());
		heap.close();
		this.heapUsedMax = Math.max(this.heapUsedMax, heap.max());
		if (recording != null) {
			recording.stop();
			Path file = OUT.resolve("main-" + this.run + ".jfr");
			recording.dump(file);
			recording.close();
			this.jfrSummary = Profiling.summarizeJfr(file, 25);
		}
		if (!done) {
			this.failures.add(name + ": only " + m.distinct() + " of " + EVENTS + " confirmed within " + timeout);
		}
		long pending = awaitNoPending();
		Result result = verify(name, m, start, EVENTS, this.db.rows() - rowsBefore, collector);
		result.pending = pending;
		result.heapMaxMiB = heap.max();
		String cpu = cpu1.since(cpu0) + cpu1.perEvent(cpu0, EVENTS);
		say("%s", cpu);
		return new CpuAndResult(result, cpu);
	}

	private static String databaseName() {
		return DB_URL.substring(DB_URL.lastIndexOf('/') + 1).split("\\?")[0];
	}

	/**
	 * Parked sessions should all be settled by the sweeper; waits for it, returns what is
	 * left.
	 */
	private long awaitNoPending() throws Exception {
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.db.count("pending_sessions") == 0);
		}
		catch (ConditionTimeoutException ex) {
			// Reported (and failing the verification) by the caller.
		}
		return this.db.count("pending_sessions");
	}

	private Result verify(String name, ConfirmationCollector.Measurement m, long start, int expected, long rows,
			ConfirmationCollector collector) throws Exception {
		Result r = new Result();
		r.name = name;
		r.expected = expected;
		r.distinct = m.distinct();
		r.accepted = m.accepted();
		r.rejected = m.rejected();
		r.duplicates = m.duplicates();
		r.rows = rows;
		r.deadLetters = collector.deadLetters();
		r.pending = this.db.count("pending_sessions");
		r.rejectedRows = this.db.count("rejected_events");
		long end = (m.doneNanos() != 0) ? m.doneNanos() : System.nanoTime();
		r.seconds = (end - start) / 1e9;
		r.firstMs = (m.firstNanos() != 0) ? TimeUnit.NANOSECONDS.toMillis(m.firstNanos() - start) : -1;
		r.eventsPerSecond = expected / r.seconds;
		r.steadyPerSecond = (m.firstNanos() != 0 && end > m.firstNanos())
				? (expected - 1) / ((end - m.firstNanos()) / 1e9) : Double.NaN;
		r.p50 = m.percentile(50);
		r.p99 = m.percentile(99);
		r.max = m.percentile(100);
		List<String> problems = new ArrayList<>();
		if (r.rows != expected) {
			problems.add("rows " + r.rows + " != " + expected);
		}
		if (r.distinct != expected || r.accepted != expected) {
			problems
				.add("confirmations: " + r.distinct + " distinct, " + r.accepted + " accepted, expected " + expected);
		}
		if (r.deadLetters != 0) {
			problems.add(r.deadLetters + " dead letters");
		}
		if (r.pending != 0) {
			problems.add(r.pending + " sessions still parked");
		}
		if (r.rejectedRows != 0) {
			problems.add(r.rejectedRows + " rejected events recorded");
		}
		r.verified = problems.isEmpty();
		if (!problems.isEmpty()) {
			this.failures.add(name + ": " + String.join("; ", problems));
		}
		say("%s: %,d events in %.2f s = %,.0f events/s (first confirmation after %d ms, then %,.0f/s); latency p50 %d ms, "
				+ "p99 %d ms, max %d ms; rows +%d, confirmations %d distinct / %d accepted / %d rejected / %d duplicate, "
				+ "dead letters %d, parked %d, rejected rows %d -> %s", name, expected, r.seconds, r.eventsPerSecond,
				r.firstMs, r.steadyPerSecond, r.p50, r.p99, r.max, r.rows, r.distinct, r.accepted, r.rejected,
				r.duplicates, r.deadLetters, r.pending, r.rejectedRows,
				r.verified ? "VERIFIED" : "NOT VERIFIED " + problems);
		return r;
	}

	private String table() {
		StringBuilder t = new StringBuilder();
		String line = "=".repeat(100) + "\n";
		t.append('\n').append(line);
		t.append(String.format("StudyTracker ingestion benchmark %s  (N=%,d, %d cores, service heap -Xmx%d MiB)%n",
				this.run, EVENTS, Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() / 1024 / 1024));
		t.append(line);
		double perf = this.perfRates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		t.append(String.format("%-52s %s%n", "Kafka ProducerPerformance (200 B, acks=all)",
				this.perfRates.isEmpty() ? "not run" : String.format("%,.0f records/s (runs: %s)", perf,
						this.perfRates.stream().map(r -> String.format("%,.0f", r)).toList())));
		row(t, "Naive baseline (per record, linger.ms=" + BASELINE_LINGER_MS + ")", this.baseline, false);
		row(t, "Service, backlog on empty tables", this.main, true);
		row(t, "  same, under a JFR recording", this.profiled, true);
		row(t, "Service, fixed rate " + RATE + "/s for " + RATE_SECONDS + " s", this.rate, true);
		row(t, "Service, backlog with " + String.format("%,d", PRELOAD_ROWS) + " rows", this.withData, true);
		t.append(line);
		double e2e = (this.main != null) ? this.main.eventsPerSecond : Double.NaN;
		target(t, "end to end >= 25,000 events/s", e2e, e2e, 25_000, "%,.0f events/s");
		double vsBaseline = (this.baseline != null) ? e2e / this.baseline.eventsPerSecond : Double.NaN;
		target(t, "vs naive baseline >= 20x", vsBaseline, vsBaseline, 20, "%.1fx");
		double vsPerf = e2e / perf;
		target(t, "vs ProducerPerformance >= 35%", vsPerf * 100, vsPerf, 0.35, "%.0f%%");
		double dataRatio = (this.withData != null) ? this.withData.eventsPerSecond / e2e : Double.NaN;
		target(t, "with " + String.format("%,d", PRELOAD_ROWS) + " rows vs empty >= 80%", dataRatio * 100, dataRatio,
				0.80, "%.0f%%");
		if (this.rate != null) {
			t.append(String.format("  %-50s %-22s %s%n", "p99 at " + RATE + "/s <= 250 ms", this.rate.p99 + " ms",
					this.rate.p99 <= 250 ? "MET" : "MISSED"));
		}
		t.append(String.format("  %-50s %-22s %s%n", "service JVM heap -Xmx512m",
				"heap used max " + this.heapUsedMax + " MiB",
				Runtime.getRuntime().maxMemory() <= 512L * 1024 * 1024 ? "MET" : "?"));
		t.append(String.format("  %-50s peak RSS after main phase %d MiB; at the end: %s%n", "memory (benchmark JVM)",
				this.peakRssAfterMain, Profiling.memory()));
		if (!this.preloadInfo.isEmpty()) {
			t.append("  preload: ").append(this.preloadInfo).append('\n');
		}
		t.append(line);
		t.append("Verification: ")
			.append(this.failures.isEmpty() ? "all runs VERIFIED" : "FAILED " + this.failures)
			.append('\n');
		if (!this.mainCpu.isEmpty()) {
			t.append("CPU during main phase:\n").append(this.mainCpu);
		}
		if (!this.profiledCpu.isEmpty()) {
			t.append("CPU during profiled main phase:\n").append(this.profiledCpu);
		}
		if (!this.dataCpu.isEmpty()) {
			t.append("CPU during with-data phase:\n").append(this.dataCpu);
		}
		if (!this.jfrSummary.isEmpty()) {
			t.append(this.jfrSummary);
		}
		t.append(line);
		return t.toString();
	}

	private static void row(StringBuilder t, String label, Result r, boolean latency) {
		if (r == null) {
			t.append(String.format("%-52s not run%n", label));
			return;
		}
		t.append(String.format(
				"%-52s %,8.0f events/s  %s  p50 %4d ms  p99 %5d ms  [%s: rows %d, conf %d/%d ACCEPTED, DLT %d, parked %d]%n",
				label, r.eventsPerSecond, String.format("(%,d in %.1f s)", r.expected, r.seconds), r.p50, r.p99,
				r.verified ? "ok" : "FAILED", r.rows, r.accepted, r.distinct, r.deadLetters, r.pending));
	}

	private static void target(StringBuilder t, String label, double shown, double value, double goal, String format) {
		t.append(String.format("  %-50s %-22s %s%n", label, Double.isNaN(shown) ? "n/a" : String.format(format, shown),
				Double.isNaN(value) ? "" : value >= goal ? "MET" : "MISSED"));
	}

	private void createTopics(List<String> names) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()))) {
			admin.createTopics(names.stream().map(n -> new NewTopic(n, 6, (short) 1)).toList())
				.all()
				.get(60, TimeUnit.SECONDS);
			// Producing into a partition whose leader is not settled yet makes the
			// idempotent producer fail
			// with OutOfOrderSequenceException here: wait for every leader, then give the
			// broker a moment.
			Awaitility.await("leaders of " + names)
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> leadersKnown(admin, names));
			// ...and give the broker a moment once they are known.
			Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
		}
	}

	private static boolean leadersKnown(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
		try {
			return admin.describeTopics(names)
				.allTopicNames()
				.get(60, TimeUnit.SECONDS)
				.values()
				.stream()
				.allMatch(d -> d.partitions().size() == 6 && d.partitions().stream().allMatch(p -> p.leader() != null));
		}
		catch (ExecutionException ex) {
			return false; // e.g. UnknownTopicOrPartition while the metadata propagates
		}
	}

	private void say(String format, Object... args) {
		String text = String.format(format, args);
		text = "[" + java.time.LocalTime.now().withNano(0) + " load " + loadAverage() + "] " + text;
		System.out.println("[bench] " + text);
		this.log.append(text).append('\n');
	}

	/**
	 * Until the service's Spring Boot takes over logging, keep the clients' INFO chatter
	 * out of the output.
	 */
	private static void quietClientLogging() {
		if (org.slf4j.LoggerFactory
			.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger kafkaLogger) {
			kafkaLogger.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		if (org.slf4j.LoggerFactory.getLogger("org.flywaydb") instanceof ch.qos.logback.classic.Logger flywayLogger) {
			flywayLogger.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	/** The 1-minute load average (other work on this machine skews every figure). */
	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	/** One measured run. */
	static final class Result {

		String name;

		int expected;

		int distinct;

		int accepted;

		int rejected;

		int duplicates;

		long rows;

		long deadLetters;

		long pending;

		long rejectedRows;

		double seconds;

		long firstMs;

		double eventsPerSecond;

		double steadyPerSecond;

		long p50;

		long p99;

		long max;

		long heapMaxMiB;

		boolean verified;

	}

	/** Samples heap use every 100 ms. */
	static final class HeapSampler implements AutoCloseable {

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "bench-heap-sampler");
			thread.setDaemon(true);
			return thread;
		});

		private volatile long max;

		HeapSampler() {
			var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
			this.sampler.scheduleAtFixedRate(
					() -> this.max = Math.max(this.max, memory.getHeapMemoryUsage().getUsed() / 1024 / 1024), 0, 100,
					TimeUnit.MILLISECONDS);
		}

		long max() {
			return this.max;
		}

		@Override
		public void close() throws InterruptedException {
			this.sampler.shutdownNow();
			this.sampler.awaitTermination(1, TimeUnit.SECONDS);
		}

	}

}
