package com.studytracker.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.faults.InvariantChecker.Expectations;
import com.studytracker.faults.InvariantChecker.Result;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4's fault suite: the service runs as its own JVM ({@link ServiceProcess}) against
 * a standalone KRaft broker and a PostgreSQL server of the suite's own, both of which can
 * be killed and restarted; after every scenario the invariant of {@link InvariantChecker}
 * must hold. Run with {@code ./mvnw -Pfaults verify} (CI size) or
 * {@code ./mvnw -Pfaults verify -Dfaults.events=50000} (full size); its sources live in
 * {@code src/faults/java}, outside {@code ./mvnw verify}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class StudyTrackerFaultTest {

	private static final int EVENTS = FaultEnvironment.EVENTS;

	private static final double RATE = FaultEnvironment.RATE;

	private static final Duration SEND_TIMEOUT = Duration.ofMinutes(10);

	private static FaultEnvironment env;

	private final Random random = new Random(Long.getLong("faults.seed", System.nanoTime()));

	@BeforeAll
	static void environment() {
		env = FaultEnvironment.get();
	}

	@AfterAll
	static void printReport() {
		System.out.println(FaultReport.table());
	}

	// ---- 1
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(1)
	void s1ServiceSigkillAtRandomPointsThreeRounds() {
		try (Scenario s = new Scenario("s1-sigkill")) {
			ServiceProcess service = s.service("s1-a").startHealthy();
			LoadGenerator load = s.load(EVENTS, 40, false).start(env.bootstrapServers(), RATE);
			double[] points = { 0.1 + 0.75 * this.random.nextDouble(), 0.1 + 0.75 * this.random.nextDouble(),
					0.1 + 0.75 * this.random.nextDouble() };
			Arrays.sort(points);
			List<String> kills = new ArrayList<>();
			long rowsAtLastKill = -1;
			for (double point : points) {
				load.awaitFraction(point);
				// Kill a working instance: after a restart, wait until it stores rows
				// again (the group
				// first waits out the killed members' session timeout).
				awaitRowsAbove(rowsAtLastKill, load.goodCount(), Duration.ofSeconds(90));
				ServiceProcess.sleep(this.random.nextInt(500));
				long rows = InvariantChecker.storedRows();
				service.sigkill();
				rowsAtLastKill = InvariantChecker.storedRows();
				kills.add(String.format("%.0f%% sent/%d rows", 100.0 * load.acked() / load.size(), rows));
				service.startHealthy();
			}
			long faultEnd = System.nanoTime();
			load.awaitAllSent(SEND_TIMEOUT);
			s.verify("1 SIGKILL x3", faultEnd, Expectations.atLeastOnce(), "kills at " + kills);
		}
	}

	// ---- 2
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(2)
	void s2aCrashAfterDatabaseCommitBeforeConfirmation() {
		crashInCommitWindow("s2a-after-db-commit", "after-db-commit");
	}

	@Test
	@Order(3)
	void s2bCrashAfterPublishBeforeOffsetCommit() {
		crashInCommitWindow("s2b-after-publish", "after-publish");
	}

	private void crashInCommitWindow(String name, String haltAt) {
		try (Scenario s = new Scenario(name)) {
			int haltAfter = 20 + this.random.nextInt(100);
			ServiceProcess service = s.service(name)
				.property("studytracker.test.halt-at", haltAt)
				.property("studytracker.test.halt-after", String.valueOf(haltAfter))
				.startHealthy();
			LoadGenerator load = s.load(EVENTS, 40, false).start(env.bootstrapServers(), RATE);
			int exit = service.waitForExit(Duration.ofMinutes(3));
			assertThat(exit).as("the service halts itself at %s (batch #%d); log %s", haltAt, haltAfter, service.log())
				.isEqualTo(137);
			assertThat(service.logCount("Halting the JVM " + haltAt)).isEqualTo(1);
			ServiceProcess.sleep(2000); // let the collector see everything that was
										// published before the halt
			long rows = InvariantChecker.storedRows();
			long confirmed = s.out.confirmationCount();
			String at = String.format("halted at batch #%d with %.0f%% sent, %d rows, %d confirmations", haltAfter,
					100.0 * load.acked() / load.size(), rows, confirmed);
			service.property("studytracker.test.halt-at", null).property("studytracker.test.halt-after", null);
			service.startHealthy();
			long faultEnd = System.nanoTime();
			load.awaitAllSent(SEND_TIMEOUT);
			Result result = s.verify("2 crash " + haltAt, faultEnd, Expectations.atLeastOnce(), at);
			long reconfirmed = s.out.allConfirmations().values().stream().filter(list -> list.size() > 1).count();
			System.out.printf("%s: %s; %d events confirmed more than once (identical: %s)%n", name, at, reconfirmed,
					result.passed());
		}
	}

	// ---- 8
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(4)
	void s8ReplayFromEarliestChangesNothing() throws Exception {
		try (Scenario s = new Scenario("s8-replay")) {
			ServiceProcess service = s.service("s8-a").startHealthy();
			LoadGenerator load = s.load(EVENTS, 40, false).start(env.bootstrapServers(), RATE * 3);
			load.awaitAllSent(SEND_TIMEOUT);
			Result first = InvariantChecker.check("8 replay (first pass)", env, s.topics, load, s.out, List.of(service),
					System.nanoTime(), Expectations.noRedelivery(), "before the reset");
			FaultReport.add(first);
			long rowsBefore = InvariantChecker.storedRows();
			assertThat(first.violations()).as("first pass").isEmpty();
			assertThat(service.sigterm()).as("graceful exit code").isIn(0, 143);
			env.resetGroupToEarliest(s.topics);
			assertThat(env.lag(s.topics)).as("lag after the reset").isEqualTo(load.size());
			service.startHealthy();
			long faultEnd = System.nanoTime();
			Result replay = s.verify("8 replay from earliest", faultEnd, new Expectations(2, true),
					"rows before " + rowsBefore);
			assertThat(replay.rows()).as("rows after the replay").isEqualTo(rowsBefore);
			List<String> groups = env.effectiveGroups(s.topics);
			boolean configured = env.usesConfiguredGroup(s.topics);
			FaultReport.addLine("8 offsets in the configured group", configured,
					"studytracker.kafka.group-id=" + s.topics.group() + "; offsets committed under " + groups);
			assertThat(groups)
				.as("the service commits its offsets under studytracker.kafka.group-id, so an operator "
						+ "resetting that group replays the stream")
				.containsExactly(s.topics.group());
		}
	}

	// ---- 7
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(5)
	void s7HostileInputAtVolume() {
		try (Scenario s = new Scenario("s7-hostile")) {
			ServiceProcess service = s.service("s7-a").startHealthy();
			LoadGenerator load = s.load(EVENTS, FaultEnvironment.HOSTILE_BAD, false)
				.hugeNesting()
				.start(env.bootstrapServers(), RATE * 2);
			load.awaitAllSent(SEND_TIMEOUT);
			long faultEnd = System.nanoTime();
			Result result = s.verify("7 hostile input", faultEnd, Expectations.noRedelivery(),
					HostileRecords.catalogueSize() + " kinds + nesting depth 10,000");
			String heap = service.actuator("metrics/jvm.memory.used?tag=area:heap");
			System.out.printf("s7: max dead-letter delay %d ms; heap used now: %s%n", result.maxDeadLetterMillis(),
					heap);
		}
	}

	/**
	 * A 5 MB value (the broker here accepts up to 8 MB) among good records. The service
	 * reads at most {@code studytracker.limits.max-event-bytes} (1 MiB), so it must
	 * dead-letter it unread. Its consumer fetches it fine (max.partition.fetch.bytes 4
	 * MiB is not a hard limit: a first record batch larger than that is still returned),
	 * and the dead letter carries the original 5 MB value (the producer and the
	 * dead-letter topics take up to 16 MiB).
	 */
	@Test
	@Order(6)
	void s7bFiveMegabyteRecord() {
		try (Scenario s = new Scenario("s7b-5mb")) {
			s.service("s7b-a").startHealthy();
			LoadGenerator load = s.load(Math.min(EVENTS, 2000), 0, false)
				.hugeString()
				.start(env.bootstrapServers(), RATE);
			load.awaitAllSent(SEND_TIMEOUT);
			long faultEnd = System.nanoTime();
			s.verify("7b 5 MB record", faultEnd, Expectations.noRedelivery(), "one 5 MB value among good events");
		}
	}

	// ---- 3
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(7)
	void s3BrokerKilledAt30PercentRestarted20sLater() {
		try (Scenario s = new Scenario("s3-broker")) {
			ServiceProcess service = s.service("s3-a").startHealthy();
			LoadGenerator load = s.load(EVENTS, 0, false).start(env.bootstrapServers(), RATE);
			load.awaitFraction(0.3);
			env.kafka().kill();
			long killedAt = System.nanoTime();
			ServiceProcess.sleep(5000);
			ServiceProcess.Health during = service.health();
			ServiceProcess.sleep(15000);
			env.kafka().restart();
			long faultEnd = System.nanoTime();
			long upAfter = awaitUp(service, Duration.ofSeconds(60));
			load.awaitAllSent(SEND_TIMEOUT);
			String failures = service.actuator("metrics/studytracker.publish.failures");
			s.verify("3 broker SIGKILL 20 s", faultEnd, Expectations.atLeastOnce(), String.format(
					"down %.0f s; health during outage %s; UP %.1f s after restart; 'batch retried' log lines %d",
					(faultEnd - killedAt) / 1e9, during.up() ? "UP" : "DOWN", upAfter / 1000.0,
					service.logCount("will be retried with backoff")));
			System.out.println("s3: publish failures metric: " + failures);
			assertThat(upAfter).as("healthy (listeners running) after the broker is back").isGreaterThanOrEqualTo(0);
		}
	}

	// ---- 4
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(8)
	void s4aPostgresRestartImmediateAt50Percent() throws Exception {
		try (Scenario s = new Scenario("s4a-pg-restart")) {
			ServiceProcess service = s.service("s4a-a").startHealthy();
			LoadGenerator load = s.load(EVENTS, 0, false).start(env.bootstrapServers(), RATE);
			load.awaitFraction(0.5);
			HealthWatch watch = new HealthWatch(service);
			env.postgres().stopImmediately();
			env.postgres().restart(); // returns once it accepts connections again
			long faultEnd = System.nanoTime();
			long upAfter = awaitUp(service, Duration.ofSeconds(30));
			watch.stop();
			load.awaitAllSent(SEND_TIMEOUT);
			Result result = s.verify("4a PostgreSQL restart -m immediate", faultEnd, Expectations.atLeastOnce(),
					String.format("health DOWN seen: %s; UP %.1f s after restart", watch.downSeen(), upAfter / 1000.0));
			assertThat(upAfter).as("UP within 30 s after the database is back").isBetween(0L, 30_000L);
			assertThat(result.passed()).isTrue();
		}
	}

	@Test
	@Order(9)
	void s4bDatabaseConnectionCutByProxy() throws Exception {
		try (Scenario s = new Scenario("s4b-db-cut");
				TcpFaultProxy proxy = new TcpFaultProxy(FaultEnvironment.PG_HOST, FaultEnvironment.pgPort())) {
			ServiceProcess service = s.service("s4b-a", proxy.port()).startHealthy();
			LoadGenerator load = s.load(EVENTS, 0, false).start(env.bootstrapServers(), RATE);
			load.awaitFraction(0.5);
			HealthWatch watch = new HealthWatch(service);
			proxy.cut();
			long cutAt = System.nanoTime();
			ServiceProcess.sleep(FaultEnvironment.DB_CUT.toMillis());
			proxy.restore();
			long faultEnd = System.nanoTime();
			watch.stop();
			long upAfter = awaitUp(service, Duration.ofSeconds(30));
			load.awaitAllSent(SEND_TIMEOUT);
			Result result = s.verify("4b DB connection cut " + FaultEnvironment.DB_CUT.toSeconds() + " s", faultEnd,
					Expectations.atLeastOnce(),
					String.format(
							"health DOWN %s s after the cut; UP %.1f s after restore", watch.firstDownNanos() < 0
									? "never" : String.format("%.1f", (watch.firstDownNanos() - cutAt) / 1e9),
							upAfter / 1000.0));
			assertThat(watch.downSeen()).as("health DOWN during the outage").isTrue();
			assertThat(upAfter).as("UP within 30 s after the outage").isBetween(0L, 30_000L);
			assertThat(result.passed()).isTrue();
		}
	}

	// ---- 5
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(10)
	void s5RebalanceTwoInstances() {
		try (Scenario s = new Scenario("s5-rebalance")) {
			ServiceProcess a = s.service("s5-a").startHealthy();
			ServiceProcess b = s.service("s5-b");
			LoadGenerator load = s.load(EVENTS, 40, false).start(env.bootstrapServers(), RATE);
			load.awaitFraction(0.25);
			b.startHealthy();
			load.awaitFraction(0.5);
			long t0 = System.nanoTime();
			int exitA = a.sigterm();
			long stopMillis = (System.nanoTime() - t0) / 1_000_000;
			load.awaitFraction(0.75);
			b.sigkill();
			a.startHealthy();
			b.startHealthy();
			long faultEnd = System.nanoTime();
			load.awaitAllSent(SEND_TIMEOUT);
			s.verify("5 rebalance (2 instances)", faultEnd, Expectations.atLeastOnce(),
					"A SIGTERM exit " + exitA + " in " + stopMillis + " ms");
			assertThat(exitA).as("graceful shutdown exit code of A").isIn(0, 143);
		}
	}

	// ---- 6
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(11)
	void s6LockContentionOnSessions() throws Exception {
		try (Scenario s = new Scenario("s6-lock")) {
			ServiceProcess service = s.service("s6-a").startHealthy();
			LoadGenerator load = s.load(EVENTS, 0, false).start(env.bootstrapServers(), RATE);
			load.awaitFraction(0.4);
			AtomicLong maxActive = new AtomicLong();
			AtomicLong maxPending = new AtomicLong();
			HealthWatch watch = new HealthWatch(service);
			ScheduledExecutorService pool = sampler("pool-watch");
			pool.scheduleWithFixedDelay(() -> {
				maxActive.accumulateAndGet(metric(service, "hikaricp.connections.active"), Math::max);
				maxPending.accumulateAndGet(metric(service, "hikaricp.connections.pending"), Math::max);
			}, 0, 500, TimeUnit.MILLISECONDS);
			try (Connection c = FaultEnvironment.connect(); Statement st = c.createStatement()) {
				c.setAutoCommit(false);
				st.execute("lock table sessions in access exclusive mode");
				ServiceProcess.sleep(15_000);
				c.commit();
			}
			long faultEnd = System.nanoTime();
			pool.shutdownNow();
			watch.stop();
			load.awaitAllSent(SEND_TIMEOUT);
			Result result = s.verify("6 lock on sessions 15 s", faultEnd, Expectations.atLeastOnce(),
					String.format(
							"pool max active %d pending %d; health DOWN during lock: %s; 'batch retried' log lines %d",
							maxActive.get(), maxPending.get(), watch.downSeen(),
							service.logCount("will be retried with backoff")));
			assertThat(maxPending.get()).as("connection pool not exhausted").isZero();
			assertThat(result.passed()).isTrue();
		}
	}

	// ---- 9
	// ----------------------------------------------------------------------------------------

	@Test
	@Order(12)
	void s9TwoInstancesMigrateAnEmptyDatabaseOnce() throws Exception {
		String database = "studytracker_faults_migrate";
		FaultEnvironment.recreateEmptyDatabase(database);
		ServiceTopics topics = new ServiceTopics("s9-flyway");
		env.createTopics(topics);
		String url = FaultEnvironment.databaseUrlEnv(FaultEnvironment.pgPort(), database);
		try (ServiceProcess a = new ServiceProcess("s9-a", env.bootstrapServers(), url, topics.serviceProperties());
				ServiceProcess b = new ServiceProcess("s9-b", env.bootstrapServers(), url,
						topics.serviceProperties())) {
			a.start();
			b.start();
			a.awaitHealthy(Duration.ofSeconds(120));
			b.awaitHealthy(Duration.ofSeconds(120));
			int files = new java.io.File("src/main/resources/db/migration").list((dir, n) -> n.endsWith(".sql")).length;
			try (Connection c = DriverManager.getConnection(
					FaultEnvironment.jdbcUrl(FaultEnvironment.pgPort(), database), FaultEnvironment.DB_USER,
					FaultEnvironment.DB_PASSWORD);
					Statement st = c.createStatement();
					ResultSet rs = st.executeQuery("select count(*), count(distinct version), bool_and(success), "
							+ "count(*) filter (where version is not null) from flyway_schema_history")) {
				rs.next();
				long rows = rs.getLong(1);
				long versions = rs.getLong(2);
				boolean success = rs.getBoolean(3);
				String notes = String
					.format("flyway_schema_history: %d rows, %d distinct versions, %d migration files, all "
							+ "successful: %s; both instances healthy", rows, versions, files, success);
				boolean passed = rows == files && versions == files && success;
				FaultReport.addLine("9 two instances, empty database", passed, notes);
				assertThat(passed).as(notes).isTrue();
			}
		}
	}

	// ---- helpers
	// ----------------------------------------------------------------------------------

	/**
	 * One scenario's topics, collector, load and service processes; closing stops the
	 * services.
	 */
	private static final class Scenario implements AutoCloseable {

		final ServiceTopics topics;

		final OutputCollector out;

		final List<ServiceProcess> services = new ArrayList<>();

		LoadGenerator load;

		Scenario(String prefix) {
			this.topics = new ServiceTopics(prefix);
			FaultEnvironment.truncateTables();
			env.createTopics(this.topics);
			this.out = new OutputCollector(env, this.topics);
		}

		ServiceProcess service(String name) {
			return service(name, FaultEnvironment.pgPort());
		}

		ServiceProcess service(String name, int databasePort) {
			ServiceProcess service = new ServiceProcess(name, env.bootstrapServers(),
					FaultEnvironment.databaseUrlEnv(databasePort, FaultEnvironment.DB_NAME),
					this.topics.serviceProperties());
			this.services.add(service);
			return service;
		}

		LoadGenerator load(int good, int bad, boolean huge) {
			this.load = new LoadGenerator(this.topics, System.nanoTime()).good(good).bad(bad, huge);
			return this.load;
		}

		Result verify(String scenario, long faultEnd, Expectations expectations, String notes) {
			Result result = InvariantChecker.check(scenario, env, this.topics, this.load, this.out, this.services,
					faultEnd, expectations, notes);
			FaultReport.add(result);
			if (!result.passed()) {
				this.services.forEach(sv -> System.out.println("--- tail of " + sv.log() + "\n" + sv.tail(30)));
			}
			assertThat(result.violations())
				.as("invariant after scenario '%s' (logs in %s)", scenario, FaultEnvironment.WORK_DIR.resolve("logs"))
				.isEmpty();
			return result;
		}

		@Override
		public void close() {
			for (ServiceProcess service : this.services) {
				service.close();
			}
			this.out.close();
		}

	}

	/**
	 * Polls health once a second in the background and remembers whether (and when first)
	 * it was DOWN.
	 */
	private static final class HealthWatch {

		private final AtomicLong firstDown = new AtomicLong(-1);

		private final ScheduledExecutorService sampler = sampler("health-watch");

		HealthWatch(ServiceProcess service) {
			this.sampler.scheduleWithFixedDelay(() -> {
				if (service.health().down()) {
					this.firstDown.compareAndSet(-1, System.nanoTime());
				}
			}, 0, 1, TimeUnit.SECONDS);
		}

		void stop() {
			this.sampler.shutdownNow();
		}

		boolean downSeen() {
			return this.firstDown.get() >= 0;
		}

		long firstDownNanos() {
			return this.firstDown.get();
		}

	}

	/**
	 * Waits until more than {@code rows} rows are stored (unless all are); gives up
	 * quietly after {@code timeout}: the scenario's checks report what is missing.
	 */
	private static void awaitRowsAbove(long rows, long all, Duration timeout) {
		if (rows < 0 || rows >= all) {
			return;
		}
		try {
			await("rows stored above " + rows).atMost(timeout)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> InvariantChecker.storedRows() > rows);
		}
		catch (ConditionTimeoutException ex) {
			// reported by the invariant check
		}
	}

	/** Milliseconds until the service reports UP, or -1 if not within the timeout. */
	private static long awaitUp(ServiceProcess service, Duration timeout) {
		long t0 = System.nanoTime();
		try {
			await("service UP").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> service.health().up());
			return (System.nanoTime() - t0) / 1_000_000;
		}
		catch (ConditionTimeoutException ex) {
			return -1;
		}
	}

	private static ScheduledExecutorService sampler(String name) {
		return Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The value of a gauge from /actuator/metrics, 0 if unavailable. */
	private static long metric(ServiceProcess service, String name) {
		String body = service.actuator("metrics/" + name);
		if (body == null) {
			return 0;
		}
		int i = body.indexOf("\"value\":");
		if (i < 0) {
			return 0;
		}
		int end = i + 8;
		while (end < body.length() && "0123456789.-E".indexOf(body.charAt(end)) >= 0) {
			end++;
		}
		return (long) Double.parseDouble(body.substring(i + 8, end));
	}

}
