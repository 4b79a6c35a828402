package com.studytracker.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.testsupport.StandaloneKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's benchmark, {@code ./mvnw -B -Pbenchmark verify}: the service as users run
 * it, its own JVM from the packaged jar ({@link ServiceJvm}), never in the JVM of the
 * load generator and the collector (this one). One standalone KRaft broker (child JVM),
 * the machine's PostgreSQL ({@code studytracker_bench}), the production topic names and
 * consumer group. Phases, in this order, in one run:
 * <ol>
 * <li>{@code copy}: the physical ceiling, {@link CopyCeiling} (N rows by COPY).</li>
 * <li>{@code cold}: N events preloaded, then a fresh service JVM started; it drains the
 * backlog. Rate from the confirmation records' timestamps, first to last, and by
 * tenth.</li>
 * <li>{@code warm}: the same, now warmed-up JVM; N more events preloaded in one Kafka
 * transaction (invisible to the service, which reads {@code read_committed}), then
 * committed: a backlog released at once to a warm service. This is the warm sustained
 * rate.</li>
 * <li>{@code rate}: the warm service at {@code bench.rate} events/s for
 * {@code bench.rateSeconds}: latency input → confirmation (record timestamps).</li>
 * <li>{@code coldrate}: a fresh service JVM, started and healthy, then the same rate for
 * {@code bench.coldRateSeconds}: latency over the first {@code bench.coldWindowSeconds}
 * of traffic and after.</li>
 * <li>{@code small}: a fresh service JVM drains a preloaded backlog of
 * {@code bench.smallEvents}.</li>
 * </ol>
 * Every phase is verified (exact row count, N distinct ACCEPTED confirmations, no
 * rejection, no dead letter, nothing parked) before any figure is printed; the test fails
 * if one is not. Targets missed are printed, not failed.
 */
class ServiceJvmBenchmark {

	private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);

	private static final int SMALL_EVENTS = Integer.getInteger("bench.smallEvents", 100_000);

	private static final int RATE = Integer.getInteger("bench.rate", 2_000);

	private static final int RATE_SECONDS = Integer.getInteger("bench.rateSeconds", 40);

	/**
	 * The warm latency targets are taken after this long at the rate: right after the
	 * drains, the JIT recompiles for small batches (deoptimised from the drains' profiles),
	 * which a service that runs at this rate has long done. Both parts are printed.
	 */
	private static final int RATE_SETTLE_SECONDS = Integer.getInteger("bench.rateSettleSeconds", 20);

	private static final int IDLE_SECONDS = 10;

	private static final int COLD_RATE_SECONDS = Integer.getInteger("bench.coldRateSeconds", 40);

	private static final int COLD_WINDOW_SECONDS = Integer.getInteger("bench.coldWindowSeconds", 20);

	private static final String PHASES = System.getProperty("bench.phases", "copy,cold,warm,reads,rate,coldrate,small");

	private static final int READ_RATE = Integer.getInteger("bench.readRate", 200);

	private static final int READ_ALONE_SECONDS = Integer.getInteger("bench.readAloneSeconds", 60);

	private static final int SCALE_EVENTS = Integer.getInteger("bench.scaleEvents", 200_000);

	private static final String SCALE_INSTANCES = System.getProperty("bench.scaleInstances", "1,2,3");

	private static final String SERVICE_HEAP = System.getProperty("bench.serviceHeap", "512m");

	private static final String JAVA = System.getProperty("bench.java",
			Path.of(System.getProperty("java.home"), "bin", "java").toString());

	private static final String SERVICE_JVM_ARGS = System.getProperty("bench.serviceJvmArgs", "");

	private static final String BROKER_HEAP = System.getProperty("bench.brokerHeap", "1g");

	private static final String DB_URL = System.getProperty("bench.dbUrl",
			"jdbc:postgresql://127.0.0.1:5432/studytracker_bench");

	private static final String DB_USER = System.getProperty("bench.dbUser", "studytracker_bench");

	private static final String DB_PASSWORD = System.getProperty("bench.dbPassword", "studytracker_bench");

	private static final Path OUT = Path.of(System.getProperty("bench.outputDir", "target/benchmark"));

	private final String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));

	private final StringBuilder log = new StringBuilder();

	private final List<String> failures = new ArrayList<>();

	private final List<String> loads = new ArrayList<>();

	private StandaloneKafka kafka;

	private BenchDatabase db;

	private ServiceTopics topics;

	private ConfirmationCollector collector;

	private final Workload workload = new Workload(8);

	private int serviceStarts;

	private String javaVersion = "?";

	private String gc = "?";

	// ---- results

	private CopyCeiling.Result copy;

	private Phase cold;

	private Phase warm;

	private Phase rate;

	private Phase coldRate;

	private ProcessCpu.Delta idle;

	private Phase small;

	private Phase reads;

	private ReadLoad.Result readResult;

	private ReadLoad.Result readAloneResult;

	private ProcessCpu.Delta readAloneCpu;

	private int readAloneSent;

	private final Map<String, ServiceJvm.Memory> memory = new LinkedHashMap<>();

	private final List<String> scale = new ArrayList<>();

	/** One measured phase. */
	static final class Phase {

		String name;

		int events;

		boolean verified;

		String verification;

		/** From the confirmation records' timestamps, first to last. */
		double rate;

		double[] tenths = new double[0];

		/** Service start (cold phases) or release (warm) to the first confirmation. */
		double secondsToFirst = Double.NaN;

		/** Service start or release to the last confirmation, as seen here. */
		double secondsToLast;

		long p50;

		long p99;

		long max;

		long windowP50 = -1;

		long windowP99 = -1;

		long windowMax = -1;

		long afterP50 = -1;

		long afterP99 = -1;

		long afterMax = -1;

		ProcessCpu.Delta startupCpu;

		ProcessCpu.Delta cpu;

		long errorsLogged;

	}

	@Test
	void benchmark() throws Exception {
		Files.createDirectories(OUT);
		load("start");
		say("Benchmark %s: N=%,d small=%,d rate=%d/s for %d s (warm), %d s (cold; window %d s); phases=%s; service: %s "
				+ "-Xmx%s %s -jar %s", this.run, EVENTS, SMALL_EVENTS, RATE, RATE_SECONDS, COLD_RATE_SECONDS,
				COLD_WINDOW_SECONDS, PHASES, JAVA, SERVICE_HEAP, SERVICE_JVM_ARGS, ServiceJvm.jar().getFileName());
		this.javaVersion = javaVersion();
		this.db = new BenchDatabase(DB_URL, DB_USER, DB_PASSWORD);
		this.db.prepare();
		this.db.truncate(true);
		Path kafkaDir = OUT.resolve("kafka-" + this.run);
		this.kafka = StandaloneKafka.start(kafkaDir, 0, BROKER_HEAP);
		say("Broker %s (pid %d, -Xmx%s); database %s (the machine's PostgreSQL); service %s", this.kafka.bootstrapServers(),
				this.kafka.pid(), BROKER_HEAP, DB_URL, this.javaVersion);
		boolean completed = false;
		try {
			// The production names and group: the service gets only connection settings.
			this.topics = new ServiceTopics("studytracker");
			createTopics(this.topics.all());
			this.collector = new ConfirmationCollector(this.kafka.bootstrapServers(), this.topics);
			if (PHASES.contains("copy")) {
				copyPhase();
			}
			if (PHASES.contains("cold") || PHASES.contains("warm") || PHASES.contains("rate,")
					|| PHASES.endsWith("rate")) {
				coldWarmAndRate();
			}
			if (PHASES.contains("coldrate")) {
				coldRate();
			}
			if (PHASES.contains("small")) {
				small();
			}
			if (PHASES.contains("scale")) {
				scale();
			}
			completed = true;
		}
		finally {
			if (this.collector != null) {
				this.collector.close();
			}
			this.kafka.close();
			if (completed && this.failures.isEmpty()) {
				deleteRecursively(kafkaDir);
			}
			else {
				say("broker data and log kept in %s", kafkaDir.toAbsolutePath());
			}
		}
		load("end");
		if (this.failures.isEmpty()) {
			String table = table();
			System.out.println(table);
			this.log.append(table);
		}
		else {
			say("NOT VERIFIED, no figures printed: %s", this.failures);
		}
		Path results = OUT.resolve("results-" + this.run + ".txt");
		Files.writeString(results, this.log.toString(), StandardCharsets.UTF_8);
		System.out.println("Results written to " + results.toAbsolutePath());
		assertThat(this.failures).as("verification of the benchmark's runs").isEmpty();
	}

	// ---- phases

	private void copyPhase() throws Exception {
		load("copy");
		this.db.truncate(true);
		this.copy = CopyCeiling.run(this.db, EVENTS, OUT, () -> ProcessCpu.take(-1, -1, databaseName()));
		say("COPY: %,d rows in %.2f s = %,.0f rows/s; CPU per row %s; %s", this.copy.rows(), this.copy.seconds(),
				this.copy.rowsPerSecond(), this.copy.cpu().perEvent(this.copy.rows()), this.copy.cpu().load());
		this.db.truncate(true);
		vacuum();
	}

	private void coldWarmAndRate() throws Exception {
		load("cold");
		this.db.truncate(true);
		this.workload.forgetTopics();
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(EVENTS);
		long t0 = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = Workload.producer(this.kafka.bootstrapServers(), "bench-preload",
				10)) {
			this.workload.preload(producer, this.topics, EVENTS, inputs);
		}
		say("cold: %,d events preloaded in %.1f s", EVENTS, (System.nanoTime() - t0) / 1e9);
		try (ServiceJvm service = startService("service-1")) {
			this.cold = drain("cold start, backlog " + fmt(EVENTS), service, inputs, EVENTS, null);
			this.memory.put("cold start, backlog " + fmt(EVENTS), service.phase());
			if (PHASES.contains("warm")) {
				this.db.truncate(false);
				this.workload.forgetTopics();
				Map<UUID, Long> warmInputs = ConfirmationCollector.newTimestampMap(EVENTS);
				KafkaProducer<byte[], byte[]> producer = Workload.transactionalProducer(this.kafka.bootstrapServers(),
						"bench-warm-" + this.run);
				try (producer) {
					long p0 = System.nanoTime();
					producer.beginTransaction();
					this.workload.preload(producer, this.topics, EVENTS, warmInputs);
					say("warm: %,d events preloaded in one transaction in %.1f s; releasing them", EVENTS,
							(System.nanoTime() - p0) / 1e9);
					service.phase(); // memory while idle is not the warm phase's
					this.warm = drain("warm, backlog " + fmt(EVENTS), service, warmInputs, EVENTS,
							producer::commitTransaction);
				}
				this.memory.put("warm, backlog " + fmt(EVENTS), service.phase());
			}
			if (PHASES.contains("rate,") || PHASES.endsWith("rate")) {
				this.rate = atRate("warm, " + RATE + " events/s for " + RATE_SECONDS + " s", service, RATE_SECONDS,
						RATE_SETTLE_SECONDS);
				this.memory.put("warm, " + RATE + "/s", service.phase());
				this.idle = idle(service);
			}
			if (PHASES.contains("reads")) {
				this.reads = warmWithReads(service);
				this.memory.put("warm, with " + READ_RATE + " reads/s", service.phase());
			}
		}
	}

	/**
	 * Issue 11: the warm backlog again, released while {@link ReadLoad} sends
	 * {@code bench.readRate} requests/s to the read API (summaries, session pages, topic
	 * listings of the topics stored so far). Comes after the warm phase in the same JVM.
	 */
	private Phase warmWithReads(ServiceJvm service) throws Exception {
		load("reads");
		// From a table as small as the warm drain's at its start (on top of the warm drain's
		// million rows, PostgreSQL's cost per insert would be higher whatever the reads do),
		// with 1,000 topics of 20 sessions for the reads to find.
		this.db.truncate(false);
		this.workload.forgetTopics();
		this.db.preloadSessions(20_000, (rows) -> {
		});
		List<Integer> topicIds = this.db.someTopicIds(2_000);
		// First alone: what a read costs, and the read path's JIT compilation done before
		// the drain (a service that has been up a while has compiled both).
		readsAlone(service, topicIds);
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(EVENTS);
		KafkaProducer<byte[], byte[]> producer = Workload.transactionalProducer(this.kafka.bootstrapServers(),
				"bench-reads-" + this.run);
		try (producer) {
			producer.beginTransaction();
			this.workload.preload(producer, this.topics, EVENTS, inputs);
			service.phase();
			ReadLoad[] load = new ReadLoad[1];
			Phase p = drain("warm, backlog " + fmt(EVENTS) + ", " + READ_RATE + " reads/s", service, inputs, EVENTS,
					() -> {
						load[0] = ReadLoad.start(service.baseUrl(), topicIds, List.of("Topic 1", "Topic", ""),
								READ_RATE);
						producer.commitTransaction();
					});
			this.readResult = load[0].stop();
			say("reads during that drain: %s", this.readResult);
			return p;
		}
	}

	/**
	 * The read load with no ingestion, for {@code bench.readAloneSeconds}: what one read
	 * costs the service and PostgreSQL, undisturbed.
	 */
	private void readsAlone(ServiceJvm service, List<Integer> topicIds) throws Exception {
		service.phase();
		ReadLoad load = ReadLoad.start(service.baseUrl(), topicIds, List.of("Topic 1", "Topic", ""), READ_RATE);
		// The first half compiles the read path; the second half is what a read costs.
		Thread.sleep(READ_ALONE_SECONDS * 500L);
		ProcessCpu middle = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName());
		Map<String, double[]> threadsBefore = ProcessCpu.byThreadName(service.pid());
		int sentBefore = load.sent();
		Thread.sleep(READ_ALONE_SECONDS * 500L);
		this.readAloneCpu = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName()).since(middle);
		say("reads alone, second half, the service's busiest threads: %s",
				ProcessCpu.topThreads(threadsBefore, ProcessCpu.byThreadName(service.pid()), 8));
		this.readAloneSent = load.sent() - sentBefore;
		this.readAloneResult = load.stop();
		say("reads alone for %d s: %s; CPU per request in the second half %s (%s)", READ_ALONE_SECONDS,
				this.readAloneResult, perRequest(this.readAloneCpu, this.readAloneSent), this.readAloneCpu.load());
	}

	private static String perRequest(ProcessCpu.Delta cpu, int requests) {
		return String.format("service %.0f us (JIT %.0f, GC %.0f), PostgreSQL %.0f us", 1e6 * cpu.service() / requests,
				1e6 * cpu.jit() / requests, 1e6 * cpu.gc() / requests, 1e6 * cpu.postgres() / requests);
	}

	private void coldRate() throws Exception {
		load("coldRate");
		this.db.truncate(true);
		this.workload.forgetTopics();
		try (ServiceJvm service = startService("service-2")) {
			service.awaitHealthy(Duration.ofMinutes(3));
			say("coldrate: service healthy %.1f s after its start; now %d events/s for %d s", service.secondsSinceStart(),
					RATE, COLD_RATE_SECONDS);
			service.phase();
			this.coldRate = atRate("cold start under " + RATE + " events/s", service, COLD_RATE_SECONDS,
					COLD_WINDOW_SECONDS);
			this.memory.put("cold start under " + RATE + "/s", service.phase());
		}
	}

	private void small() throws Exception {
		load("small");
		this.db.truncate(true);
		this.workload.forgetTopics();
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(SMALL_EVENTS);
		try (KafkaProducer<byte[], byte[]> producer = Workload.producer(this.kafka.bootstrapServers(), "bench-preload",
				10)) {
			this.workload.preload(producer, this.topics, SMALL_EVENTS, inputs);
		}
		try (ServiceJvm service = startService("service-3")) {
			this.small = drain("cold start, backlog " + fmt(SMALL_EVENTS), service, inputs, SMALL_EVENTS, null);
			this.memory.put("cold start, backlog " + fmt(SMALL_EVENTS), service.phase());
		}
	}

	/**
	 * 1, 2, 3 instances in one consumer group against the one broker and database: each
	 * set warms up on a released backlog of {@code bench.scaleEvents}, then drains a second
	 * one, measured.
	 */
	private void scale() throws Exception {
		load("scale");
		for (String count : SCALE_INSTANCES.split(",")) {
			int k = Integer.parseInt(count.trim());
			this.db.truncate(true);
			this.workload.forgetTopics();
			List<ServiceJvm> services = new ArrayList<>();
			try {
				for (int i = 1; i <= k; i++) {
					services.add(startService("scale-" + k + "-" + i));
				}
				for (ServiceJvm service : services) {
					service.awaitHealthy(Duration.ofMinutes(3));
				}
				releasedBacklog("scale " + k + " warm-up", services, SCALE_EVENTS);
				Phase p = releasedBacklog(k + " instance" + (k > 1 ? "s" : ""), services, SCALE_EVENTS);
				this.scale.add(String.format("  %-42s %,8.0f events/s; CPU per event %s; service CPU by instance %s; %s",
						p.name, p.rate, p.cpu.perEvent(p.events), perInstanceOf(p),
						p.verification));
			}
			finally {
				for (ServiceJvm service : services) {
					service.close();
				}
			}
		}
	}

	private final Map<String, double[]> instanceCpu = new LinkedHashMap<>();

	private String perInstanceOf(Phase p) {
		double[] cpu = this.instanceCpu.get(p.name);
		StringBuilder sb = new StringBuilder();
		for (double c : cpu) {
			sb.append(sb.length() == 0 ? "" : " / ").append(String.format("%.0f us", 1e6 * c / p.events));
		}
		return sb.toString();
	}

	/** A backlog preloaded in one transaction, released to running instances. */
	private Phase releasedBacklog(String name, List<ServiceJvm> services, int events) throws Exception {
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(events);
		try (KafkaProducer<byte[], byte[]> producer = Workload.transactionalProducer(this.kafka.bootstrapServers(),
				"bench-scale-" + this.run)) {
			producer.beginTransaction();
			this.workload.preload(producer, this.topics, events, inputs);
			long rowsBefore = this.db.rows();
			long deadBefore = this.collector.deadLetters();
			ConfirmationCollector.Measurement m = this.collector.measure(name, inputs, events);
			List<ProcessCpu> before = new ArrayList<>();
			for (ServiceJvm service : services) {
				before.add(ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName()));
			}
			producer.commitTransaction();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180 + events / 400);
			boolean done = false;
			while (!done && System.nanoTime() < deadline) {
				services.forEach(ServiceJvm::assertAlive);
				done = m.await(Duration.ofSeconds(1));
			}
			double[] perInstance = new double[services.size()];
			ProcessCpu.Delta first = null;
			double service = 0;
			double jit = 0;
			double gc = 0;
			for (int i = 0; i < services.size(); i++) {
				ProcessCpu.Delta d = ProcessCpu.take(services.get(i).pid(), this.kafka.pid(), databaseName())
					.since(before.get(i));
				first = (first == null) ? d : first;
				perInstance[i] = d.service();
				service += d.service();
				jit += d.jit();
				gc += d.gc();
			}
			Phase p = verify(name, m, events, rowsBefore, deadBefore, services.get(0));
			p.cpu = new ProcessCpu.Delta(first.wall(), service, jit, gc, first.broker(), first.postgres(),
					first.harness());
			this.instanceCpu.put(name, perInstance);
			long[] ts = m.confirmationTimestamps();
			p.rate = (ts.length - 1) / Math.max(0.001, (ts[ts.length - 1] - ts[0]) / 1000.0);
			say("%s: %,.0f events/s; CPU per event %s; by instance %s; %s", name, p.rate, p.cpu.perEvent(events),
					perInstanceOf(p), p.verification);
			return p;
		}
	}

	// ---- building blocks

	private ServiceJvm startService(String name) {
		this.db.awaitAvailable();
		List<String> jvmArgs = SERVICE_JVM_ARGS.isBlank() ? List.of()
				: Arrays.asList(SERVICE_JVM_ARGS.trim().split("\\s+"));
		Map<String, String> env = new LinkedHashMap<>();
		env.put("KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		env.put("DATABASE_URL", DB_URL);
		env.put("DATABASE_USERNAME", DB_USER);
		env.put("DATABASE_PASSWORD", DB_PASSWORD);
		this.serviceStarts++;
		ServiceJvm service = ServiceJvm.start(name, JAVA, SERVICE_HEAP, jvmArgs, env, OUT.resolve("logs-" + this.run));
		say("%s started: pid %d", name, service.pid());
		return service;
	}

	/**
	 * Times a backlog: from {@code release} (committing the preload's transaction) or,
	 * with none, from the service JVM's start, to its N-th distinct confirmation.
	 */
	private Phase drain(String name, ServiceJvm service, Map<UUID, Long> inputs, int events, Releaser release)
			throws Exception {
		long rowsBefore = this.db.rows();
		long deadBefore = this.collector.deadLetters();
		ConfirmationCollector.Measurement m = this.collector.measure(name, inputs, events);
		ProcessCpu c0 = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName());
		long parkedBefore = (release == null) ? 0 : service.sessionsParked();
		long start = (release == null) ? service.startNanos() : System.nanoTime();
		if (release != null) {
			release.release();
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180 + events / 400);
		while (m.firstNanos() == 0 && System.nanoTime() < deadline) {
			service.assertAlive();
			Thread.sleep(2);
		}
		ProcessCpu c1 = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName());
		boolean done = false;
		while (!done && System.nanoTime() < deadline) {
			service.assertAlive();
			done = m.await(Duration.ofSeconds(1));
		}
		ProcessCpu c2 = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName());
		long parked = service.sessionsParked() - parkedBefore;
		Phase p = verify(name, m, events, rowsBefore, deadBefore, service);
		p.secondsToFirst = (m.firstNanos() - start) / 1e9;
		p.secondsToLast = (m.doneNanos() - start) / 1e9;
		p.startupCpu = c1.since(c0);
		p.cpu = c2.since(c1);
		long[] ts = m.confirmationTimestamps();
		if (ts.length > 1) {
			p.rate = (ts.length - 1) / Math.max(0.001, (ts[ts.length - 1] - ts[0]) / 1000.0);
			p.tenths = new double[10];
			for (int i = 0; i < 10; i++) {
				int from = (int) ((long) ts.length * i / 10);
				int to = (int) ((long) ts.length * (i + 1) / 10) - 1;
				p.tenths[i] = (to - from) / Math.max(0.001, (ts[to] - ts[from]) / 1000.0);
			}
		}
		say("%s: %,.0f events/s first->last confirmation; first after %.1f s, last after %.1f s; by tenth %s; "
				+ "CPU before the first confirmation %s; CPU per event while draining %s [%s]; %,d sessions parked on "
				+ "the way, then settled; %s", name, p.rate, p.secondsToFirst, p.secondsToLast, tenths(p),
				p.startupCpu.load(), p.cpu.perEvent(events), p.cpu.load(), parked, p.verification);
		return p;
	}

	@FunctionalInterface
	interface Releaser {

		void release() throws Exception;

	}

	/**
	 * A fixed rate for {@code seconds}; latency of all events, and if {@code window} > 0
	 * of those sent in the first {@code window} seconds and of the rest.
	 */
	private Phase atRate(String name, ServiceJvm service, int seconds, int window) throws Exception {
		long rowsBefore = this.db.rows();
		long deadBefore = this.collector.deadLetters();
		Map<UUID, Long> inputs = ConfirmationCollector.newTimestampMap(RATE * seconds);
		ConfirmationCollector.Measurement m = this.collector.measure(name, inputs, Integer.MAX_VALUE);
		ProcessCpu c0 = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName());
		long trafficStart = System.currentTimeMillis();
		int sent;
		try (KafkaProducer<byte[], byte[]> producer = Workload.producer(this.kafka.bootstrapServers(), "bench-rate",
				0)) {
			sent = this.workload.produceAtRate(producer, this.topics, RATE, Duration.ofSeconds(seconds), inputs);
		}
		m.expect(sent);
		boolean done = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (!done && System.nanoTime() < deadline) {
			service.assertAlive();
			done = m.await(Duration.ofSeconds(1));
		}
		ProcessCpu c1 = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName());
		Phase p = verify(name, m, sent, rowsBefore, deadBefore, service);
		p.cpu = c1.since(c0);
		p.rate = sent / (double) seconds;
		if (window > 0) {
			long split = trafficStart + window * 1000L;
			p.windowP50 = m.percentileSentBetween(50, trafficStart, split);
			p.windowP99 = m.percentileSentBetween(99, trafficStart, split);
			p.windowMax = m.percentileSentBetween(100, trafficStart, split);
			p.afterP50 = m.percentileSentBetween(50, split, Long.MAX_VALUE);
			p.afterP99 = m.percentileSentBetween(99, split, Long.MAX_VALUE);
			p.afterMax = m.percentileSentBetween(100, split, Long.MAX_VALUE);
		}
		say("%s: p50 / p99 by second of traffic (ms): %s", name, bySecond(m, trafficStart, seconds));
		say("%s: %,d events sent (%,.0f/s); latency p50 %d ms, p99 %d ms, max %d ms%s; CPU per event %s [%s]; %s", name,
				sent, p.rate, p.p50, p.p99, p.max,
				(window > 0) ? String.format("; sent in the first %d s: p50 %d, p99 %d, max %d; after: p50 %d, p99 %d",
						window, p.windowP50, p.windowP99, p.windowMax, p.afterP50, p.afterP99) : "",
				p.cpu.perEvent(sent), p.cpu.load(), p.verification);
		return p;
	}

	/** Where in the phase the slow confirmations were: a diagnostic, not a target. */
	private static String bySecond(ConfirmationCollector.Measurement m, long trafficStart, int seconds) {
		StringBuilder line = new StringBuilder();
		for (int second = 0; second < seconds; second++) {
			long from = trafficStart + second * 1000L;
			line.append(second == 0 ? "" : " ")
				.append(m.percentileSentBetween(50, from, from + 1000))
				.append('/')
				.append(m.percentileSentBetween(99, from, from + 1000));
		}
		return line.toString();
	}

	/**
	 * What the service and the broker cost with no traffic: the price of the consumers'
	 * short fetch wait (application.yml), which the latency at a live rate needs.
	 */
	private ProcessCpu.Delta idle(ServiceJvm service) throws InterruptedException {
		Thread.sleep(2_000); // the last confirmations' tail
		ProcessCpu c0 = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName());
		Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
		ProcessCpu.Delta idle = ProcessCpu.take(service.pid(), this.kafka.pid(), databaseName()).since(c0);
		say("idle for %d s: %s", IDLE_SECONDS, idle.load());
		return idle;
	}

	private Phase verify(String name, ConfirmationCollector.Measurement m, int expected, long rowsBefore,
			long deadBefore, ServiceJvm service) throws Exception {
		long pending = awaitNoPending();
		Phase p = new Phase();
		p.name = name;
		p.events = expected;
		long rows = this.db.rows() - rowsBefore;
		long dead = this.collector.deadLetters() - deadBefore;
		long rejectedRows = this.db.count("rejected_events");
		p.p50 = m.percentile(50);
		p.p99 = m.percentile(99);
		p.max = m.percentile(100);
		p.errorsLogged = service.logCount(" ERROR ");
		List<String> problems = new ArrayList<>();
		if (rows != expected) {
			problems.add("rows +" + rows + " != " + expected);
		}
		if (m.distinct() != expected || m.accepted() != expected || m.rejected() != 0) {
			problems.add("confirmations " + m.distinct() + " distinct, " + m.accepted() + " ACCEPTED, " + m.rejected()
					+ " rejected; expected " + expected + " ACCEPTED");
		}
		if (dead != 0) {
			problems.add(dead + " dead letters");
		}
		if (pending != 0) {
			problems.add(pending + " sessions still parked");
		}
		if (rejectedRows != 0) {
			problems.add(rejectedRows + " rejected events recorded");
		}
		p.verified = problems.isEmpty();
		p.verification = p.verified ? String.format("ok: rows +%,d, %,d/%,d ACCEPTED, %d duplicates, DLT 0, parked 0, "
				+ "rejected 0", rows, m.accepted(), m.distinct(), m.duplicates()) : "FAILED " + problems;
		if (!p.verified) {
			this.failures.add(name + ": " + problems);
		}
		return p;
	}

	private long awaitNoPending() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		long pending = this.db.count("pending_sessions");
		while (pending != 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
			pending = this.db.count("pending_sessions");
		}
		return pending;
	}

	// ---- the table

	private String table() {
		StringBuilder t = new StringBuilder();
		String line = "=".repeat(118) + "\n";
		String thin = "-".repeat(118) + "\n";
		t.append('\n').append(line);
		t.append(String.format("StudyTracker benchmark %s: the service as its own JVM (java -Xmx%s%s -jar %s; %s, %s),%n",
				this.run, SERVICE_HEAP, SERVICE_JVM_ARGS.isBlank() ? "" : " " + SERVICE_JVM_ARGS,
				ServiceJvm.jar().getFileName(), this.javaVersion, this.gc));
		t.append(String.format("N = %,d (small backlog %,d), 6 partitions, 10%% TopicCreated / 90%% SessionLogged; "
				+ "%d cores; load average (1 min) %s%n", EVENTS, SMALL_EVENTS, Runtime.getRuntime().availableProcessors(),
				String.join(", ", this.loads)));
		t.append(line);
		double ceiling = (this.copy != null) ? this.copy.rowsPerSecond() : Double.NaN;
		double warmRate = (this.warm != null) ? this.warm.rate : Double.NaN;
		t.append(String.format("%-44s %10s  %-9s %-9s %s%n", "throughput (first -> last confirmation)", "events/s",
				"of COPY", "cold/warm", "detail"));
		t.append(thin);
		if (this.copy != null) {
			t.append(String.format("%-44s %10s  %-9s %-9s %s%n", "PostgreSQL COPY, same schema (ceiling)",
					String.format("%,.0f", ceiling), "100%", "",
					String.format("%,d rows in %.1f s (rows/s); PostgreSQL CPU %.0f us per row", this.copy.rows(),
							this.copy.seconds(), 1e6 * this.copy.cpu().postgres() / this.copy.rows())));
		}
		throughput(t, this.cold, ceiling, warmRate);
		throughput(t, this.warm, ceiling, Double.NaN);
		throughput(t, this.small, ceiling, warmRate);
		if (this.reads != null) {
			throughput(t, this.reads, ceiling, Double.NaN);
			t.append(String.format("%-44s %s%n", "  " + READ_RATE + " reads/s meanwhile",
					String.format("%s; ingestion at %s of the warm rate", this.readResult, pct(this.reads.rate / warmRate))));
			if (this.readAloneResult != null) {
				t.append(String.format("%-44s %s; CPU per request (second half): %s%n", "  the same reads alone before, " + READ_ALONE_SECONDS + " s",
						this.readAloneResult, perRequest(this.readAloneCpu, this.readAloneSent)));
			}
		}
		t.append(thin);
		t.append(String.format("%-44s %s%n", "latency, input -> confirmation (timestamps)", "p50 / p99 / max"));
		if (this.rate != null) {
			t.append(String.format("%-44s after %d s: %d / %d / %d ms; first %d s: %d / %d / %d ms; all: %d / %d ms "
					+ "(%,d events at %,.0f/s)%n", this.rate.name, RATE_SETTLE_SECONDS, this.rate.afterP50,
					this.rate.afterP99, this.rate.afterMax, RATE_SETTLE_SECONDS, this.rate.windowP50,
					this.rate.windowP99, this.rate.windowMax, this.rate.p50, this.rate.p99, this.rate.events,
					this.rate.rate));
		}
		if (this.coldRate != null) {
			t.append(String.format("%-44s first %d s: %d / %d / %d ms; after: %d / %d ms; all: %d / %d ms%n",
					this.coldRate.name, COLD_WINDOW_SECONDS, this.coldRate.windowP50, this.coldRate.windowP99,
					this.coldRate.windowMax, this.coldRate.afterP50, this.coldRate.afterP99, this.coldRate.p50,
					this.coldRate.p99));
		}
		t.append(thin);
		t.append(String.format("%-44s %s%n", "CPU per event (service + broker + PostgreSQL)",
				"us per event, from /proc/<pid>/stat and /proc/<pid>/task/*/stat"));
		for (Phase p : phases()) {
			if (p.cpu != null) {
				t.append(String.format("  %-42s %s%n", p.name, p.cpu.perEvent(p.events)));
			}
		}
		for (Phase p : phases()) {
			if (p.startupCpu != null && p.secondsToFirst > 0 && p != this.warm && p != this.reads) {
				t.append(String.format("  %-42s start to first confirmation %.1f s, %.1f s CPU (service %.1f, of which JIT %.1f)%n",
						p.name, p.secondsToFirst, p.startupCpu.total(), p.startupCpu.service(), p.startupCpu.jit()));
			}
		}
		if (this.warm != null && this.warm.cpu != null) {
			double perEvent = this.warm.cpu.total() / this.warm.events;
			double noJit = (this.warm.cpu.total() - this.warm.cpu.jit()) / this.warm.events;
			t.append(String.format("  %-42s %,.0f events/s per core at the warm cost (%,.0f without JIT); %,.0f on %d cores%n",
					"projection", 1 / perEvent, 1 / noJit, Runtime.getRuntime().availableProcessors() / perEvent,
					Runtime.getRuntime().availableProcessors()));
		}
		if (this.idle != null) {
			t.append(String.format("  %-42s %s%n", "idle, no traffic, after the rate phase", this.idle.load()));
		}
		t.append(thin);
		t.append(String.format("%-44s %s%n", "memory of the service JVM, per phase", "(-Xmx" + SERVICE_HEAP + ")"));
		this.memory.forEach((phase, mem) -> t.append(String.format("  %-42s %s%n", phase, mem.describe())));
		t.append(thin);
		t.append("verification (checked before any figure is printed)\n");
		for (Phase p : phases()) {
			t.append(String.format("  %-42s %s; %d ERROR lines in the service log%n", p.name, p.verification,
					p.errorsLogged));
		}
		t.append(thin);
		if (!this.scale.isEmpty()) {
			t.append(String.format("scaling out: instances in one group, one broker, one database, released backlog of %,d "
					+ "(warm)%n", SCALE_EVENTS));
			this.scale.forEach(l -> t.append(l).append('\n'));
			t.append(thin);
		}
		t.append("targets of issue 8\n");
		if (this.cold != null) {
			target(t, "cold " + fmt(EVENTS) + " >= 25,000 events/s", String.format("%,.0f", this.cold.rate),
					this.cold.rate >= 25_000);
			target(t, "cold " + fmt(EVENTS) + " >= 70% of warm", pct(this.cold.rate / warmRate),
					this.cold.rate / warmRate >= 0.70);
		}
		if (this.small != null) {
			target(t, "cold " + fmt(SMALL_EVENTS) + " >= 15,000 events/s", String.format("%,.0f", this.small.rate),
					this.small.rate >= 15_000);
		}
		if (this.warm != null) {
			target(t, "warm >= 35,000 events/s", String.format("%,.0f", this.warm.rate), this.warm.rate >= 35_000);
			double us = 1e6 * this.warm.cpu.total() / this.warm.events;
			target(t, "warm CPU per event <= 45 us", String.format("%.0f us", us), us <= 45);
			target(t, "warm >= 55% of COPY", pct(this.warm.rate / ceiling), this.warm.rate / ceiling >= 0.55);
		}
		if (this.rate != null) {
			String settled = "at " + RATE + "/s warm, after " + RATE_SETTLE_SECONDS + " s: ";
			target(t, settled + "p50 <= 30 ms", this.rate.afterP50 + " ms",
					this.rate.afterP50 >= 0 && this.rate.afterP50 <= 30);
			target(t, settled + "p99 <= 100 ms", this.rate.afterP99 + " ms",
					this.rate.afterP99 >= 0 && this.rate.afterP99 <= 100);
		}
		if (this.coldRate != null) {
			target(t, "cold start at " + RATE + "/s: p99 first " + COLD_WINDOW_SECONDS + " s <= 1 s",
					this.coldRate.windowP99 + " ms", this.coldRate.windowP99 >= 0 && this.coldRate.windowP99 <= 1000);
		}
		t.append(line);
		return t.toString();
	}

	private List<Phase> phases() {
		return Stream.of(this.cold, this.warm, this.reads, this.rate, this.coldRate, this.small)
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	private static void throughput(StringBuilder t, Phase p, double ceiling, double warm) {
		if (p == null) {
			return;
		}
		t.append(String.format("%-44s %10s  %-9s %-9s first confirmation after %.1f s; by tenth: %s%n", p.name,
				String.format("%,.0f", p.rate), pct(p.rate / ceiling), Double.isNaN(warm) ? "" : pct(p.rate / warm),
				p.secondsToFirst, tenths(p)));
	}

	private static void target(StringBuilder t, String label, String value, boolean met) {
		t.append(String.format("  %-50s %-12s %s%n", label, value, met ? "MET" : "MISSED"));
	}

	private static String pct(double ratio) {
		return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format("%.0f%%", 100 * ratio);
	}

	private static String tenths(Phase p) {
		StringBuilder sb = new StringBuilder();
		for (double r : p.tenths) {
			sb.append(sb.length() == 0 ? "" : " ").append(String.format("%.1fk", r / 1000));
		}
		return sb.toString();
	}

	private static String fmt(int n) {
		return String.format("%,d", n);
	}

	// ---- plumbing

	private void createTopics(List<String> names) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()))) {
			admin.createTopics(names.stream().map(n -> {
				NewTopic topic = new NewTopic(n, 6, (short) 1);
				return n.endsWith(".dlt") ? topic.configs(Map.of("max.message.bytes", "16777216")) : topic;
			}).toList()).all().get(60, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!leadersKnown(admin, names)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("No leaders for " + names);
				}
				Thread.sleep(100);
			}
			Thread.sleep(1000);
		}
	}

	private static boolean leadersKnown(Admin admin, List<String> names) throws Exception {
		try {
			return admin.describeTopics(names)
				.allTopicNames()
				.get(60, TimeUnit.SECONDS)
				.values()
				.stream()
				.allMatch(d -> d.partitions().size() == 6 && d.partitions().stream().allMatch(p -> p.leader() != null));
		}
		catch (ExecutionException ex) {
			return false;
		}
	}

	private void vacuum() throws Exception {
		try (var c = this.db.connect(); var s = c.createStatement()) {
			s.execute("vacuum analyze topics");
			s.execute("vacuum analyze sessions");
		}
	}

	private static String databaseName() {
		return DB_URL.substring(DB_URL.lastIndexOf('/') + 1).split("\\?")[0];
	}

	private String javaVersion() {
		try {
			Process p = new ProcessBuilder(JAVA, "-Xmx" + SERVICE_HEAP, "-Xlog:gc", "-version").redirectErrorStream(true)
				.start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			p.waitFor();
			for (String l : out.split("\n")) {
				if (l.contains("Using ")) {
					this.gc = l.substring(l.indexOf("Using ") + 6).trim();
				}
			}
			return out.lines().filter(l -> l.contains("version")).findFirst().orElse("?").trim();
		}
		catch (IOException | InterruptedException ex) {
			return "?";
		}
	}

	private void load(String when) {
		this.loads.add(when + " " + IngestionBenchmark.loadAverage());
	}

	private void say(String format, Object... args) {
		String text = "[" + java.time.LocalTime.now().withNano(0) + " load " + IngestionBenchmark.loadAverage() + "] "
				+ String.format(format, args);
		System.out.println("[bench] " + text);
		this.log.append(text).append('\n');
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

}
