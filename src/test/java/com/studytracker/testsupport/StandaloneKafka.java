package com.studytracker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker + controller in one process) running as a
 * child JVM on the test JVM's own classpath ({@code kafka_2.13} comes with
 * {@code spring-kafka-test}).
 *
 * <p>
 * Unlike {@code @EmbeddedKafka}, it listens on a fixed port and can be stopped (SIGTERM),
 * killed (SIGKILL) and restarted in place on the same data directory and ports.
 *
 * <p>
 * The broker process dies with the JVM that started it: a shutdown hook stops it, and the
 * child itself watches the parent's pid (see {@link BrokerMain}), so even a SIGKILLed
 * test JVM leaves no orphan broker behind.
 */
public final class StandaloneKafka implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(StandaloneKafka.class);

	/** System property through which the child learns which pid to watch. */
	static final String PARENT_PID_PROPERTY = "standalone.kafka.parent.pid";

	public static final String DEFAULT_MAX_HEAP = "512m";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private static final String HOST = "127.0.0.1";

	private static final Set<StandaloneKafka> RUNNING = ConcurrentHashMap.newKeySet();

	private static volatile boolean shutdownHookInstalled;

	private final Path dataDir;

	private final Path logDir;

	private final Path propertiesFile;

	private final Path brokerLog;

	private final Path jvmArgsFile;

	private final int port;

	private final int controllerPort;

	private final String maxHeap;

	/** Further client listeners: name (= its security protocol) to port. */
	private final Map<String, Integer> extraListeners;

	private Process process;

	private StandaloneKafka(Path dataDir, int port, int controllerPort, String maxHeap,
			Map<String, Integer> extraListeners) {
		this.dataDir = dataDir;
		this.logDir = dataDir.resolve("kafka-logs");
		this.propertiesFile = dataDir.resolve("server.properties");
		this.brokerLog = dataDir.resolve("broker.log");
		this.jvmArgsFile = dataDir.resolve("broker-jvm.args");
		this.port = port;
		this.controllerPort = controllerPort;
		this.maxHeap = maxHeap;
		this.extraListeners = extraListeners;
	}

	/**
	 * Starts a broker with a {@value #DEFAULT_MAX_HEAP} heap. {@code port} 0 picks a free
	 * port.
	 */
	public static StandaloneKafka start(Path dataDir, int port) {
		return start(dataDir, port, DEFAULT_MAX_HEAP);
	}

	/**
	 * Starts a broker whose client listener is {@code 127.0.0.1:port} ({@code 0} = any
	 * free port) and whose data lives in {@code dataDir}; formats the storage first if it
	 * is not formatted yet. Returns once an AdminClient's {@code describeCluster()}
	 * succeeds.
	 * @param maxHeap value for {@code -Xmx}, e.g. {@code "512m"} or {@code "1g"}
	 */
	public static StandaloneKafka start(Path dataDir, int port, String maxHeap) {
		return start(dataDir, port, maxHeap, Map.of());
	}

	/**
	 * Like {@link #start(Path, int, String)}, with extra or replaced broker properties
	 * (e.g. {@code advertised.listeners} pointing at a fault proxy). They are written to
	 * {@code server.properties} and kept across {@link #restart()}.
	 */
	public static StandaloneKafka start(Path dataDir, int port, String maxHeap, Map<String, String> overrides) {
		return start(dataDir, port, maxHeap, overrides, Map.of());
	}

	/**
	 * Like {@link #start(Path, int, String, Map)}, with client listeners besides the
	 * PLAINTEXT one (which stays the inter-broker listener and the one readiness is
	 * checked on), e.g. {@code SASL_SSL} or {@code SSL}: each is named for its security
	 * protocol and listens on {@code 127.0.0.1:port} ({@link #bootstrapServers(String)}).
	 * Their settings ({@code listener.name.<name>.*}, {@code ssl.*}, {@code sasl.*}) go
	 * into {@code overrides}.
	 */
	public static StandaloneKafka start(Path dataDir, int port, String maxHeap, Map<String, String> overrides,
			Map<String, Integer> extraListeners) {
		try {
			Path dir = dataDir.toAbsolutePath().normalize();
			Files.createDirectories(dir.resolve("tmp"));
			int brokerPort = port == 0 ? freePort() : port;
			if (!isFree(brokerPort)) {
				throw new IllegalStateException("Port " + brokerPort + " on " + HOST + " is already in use");
			}
			StandaloneKafka kafka = new StandaloneKafka(dir, brokerPort, chooseControllerPort(dir, brokerPort), maxHeap,
					new java.util.LinkedHashMap<>(extraListeners));
			kafka.writeConfigFiles(overrides);
			kafka.formatIfNeeded();
			kafka.launch();
			return kafka;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String bootstrapServers() {
		return HOST + ":" + port;
	}

	public int port() {
		return port;
	}

	/** The address of one of the extra listeners, by name (e.g. {@code SASL_SSL}). */
	public String bootstrapServers(String listener) {
		Integer listenerPort = extraListeners.get(listener);
		if (listenerPort == null) {
			throw new IllegalArgumentException("No listener " + listener + "; have PLAINTEXT and " + extraListeners);
		}
		return HOST + ":" + listenerPort;
	}

	public int controllerPort() {
		return controllerPort;
	}

	public Path dataDir() {
		return dataDir;
	}

	/** The broker's stdout/stderr (appended across restarts). */
	public Path brokerLog() {
		return brokerLog;
	}

	public synchronized long pid() {
		if (process == null) {
			throw new IllegalStateException("Broker is not running");
		}
		return process.pid();
	}

	public synchronized boolean isRunning() {
		return process != null && process.isAlive();
	}

	/**
	 * Graceful stop: SIGTERM, then waits for the process to exit (SIGKILL after 60 s).
	 */
	public synchronized void stop() {
		if (process == null) {
			return;
		}
		long t0 = System.nanoTime();
		process.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Kafka broker pid {} did not stop within {}; killing it", process.pid(), STOP_TIMEOUT);
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		log.info("Kafka broker on {} stopped (SIGTERM) in {} ms", bootstrapServers(), millisSince(t0));
		process = null;
		RUNNING.remove(this);
	}

	/** Crash: SIGKILL, then waits for the process to be gone. */
	public synchronized void kill() {
		if (process == null) {
			return;
		}
		long t0 = System.nanoTime();
		process.destroyForcibly();
		try {
			process.waitFor();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		log.info("Kafka broker on {} killed (SIGKILL) in {} ms", bootstrapServers(), millisSince(t0));
		process = null;
		RUNNING.remove(this);
	}

	/**
	 * Starts the broker again on the same data directory and ports (stopping it first if
	 * running).
	 */
	public synchronized void restart() {
		if (isRunning()) {
			stop();
		}
		process = null;
		try {
			launch();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "StandaloneKafka[" + bootstrapServers() + ", dataDir=" + dataDir + "]";
	}

	/** A port on 127.0.0.1 that is free right now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	// ---------------------------------------------------------------------------------------------

	private static int chooseControllerPort(Path dir, int brokerPort) throws IOException {
		// Reuse the controller port recorded by an earlier run on this data dir: a
		// --standalone
		// format records the controller endpoint in the metadata log's voter set.
		Path props = dir.resolve("server.properties");
		if (Files.exists(props)) {
			Properties previous = new Properties();
			try (InputStream in = Files.newInputStream(props)) {
				previous.load(in);
			}
			String recorded = previous.getProperty("controller.quorum.bootstrap.servers", "");
			int colon = recorded.lastIndexOf(':');
			if (colon > 0) {
				int p = Integer.parseInt(recorded.substring(colon + 1).trim());
				if (p != brokerPort && isFree(p)) {
					return p;
				}
			}
		}
		if (brokerPort < 65535 && isFree(brokerPort + 1)) {
			return brokerPort + 1;
		}
		int p;
		do {
			p = freePort();
		}
		while (p == brokerPort);
		return p;
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true); // like Kafka's own acceptors, so TIME_WAIT does
											// not count
			socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private void writeConfigFiles(Map<String, String> overrides) throws IOException {
		String plaintext = "PLAINTEXT://" + HOST + ":" + port;
		String controller = "CONTROLLER://" + HOST + ":" + controllerPort;
		Map<String, String> p = new java.util.LinkedHashMap<>();
		p.put("process.roles", "broker,controller");
		p.put("node.id", "1");
		StringBuilder extra = new StringBuilder();
		StringBuilder extraProtocols = new StringBuilder();
		extraListeners.forEach((name, listenerPort) -> {
			extra.append(',').append(name).append("://").append(HOST).append(':').append(listenerPort);
			extraProtocols.append(',').append(name).append(':').append(name);
		});
		p.put("listeners", plaintext + "," + controller + extra);
		p.put("advertised.listeners", plaintext + "," + controller + extra);
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT" + extraProtocols);
		p.put("controller.listener.names", "CONTROLLER");
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
		p.put("log.dirs", logDir.toString());
		p.put("num.partitions", "6");
		p.put("default.replication.factor", "1");
		p.put("offsets.topic.replication.factor", "1");
		p.put("offsets.topic.num.partitions", "6");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("transaction.state.log.num.partitions", "6");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("min.insync.replicas", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		// After a SIGKILL the restarted controller keeps the dead incarnation's
		// registration until its
		// session times out (default 9 s) and rejects the new one
		// (DUPLICATE_BROKER_REGISTRATION) until
		// then: restart after kill() took ~13 s. A 3 s session brings it to ~5 s;
		// heartbeats are on
		// loopback inside one process, so 3 s is still generous.
		p.put("broker.heartbeat.interval.ms", "500");
		p.put("broker.session.timeout.ms", "3000");
		p.putAll(overrides);
		StringBuilder sb = new StringBuilder("# Written by ").append(StandaloneKafka.class.getName()).append('\n');
		p.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
		Files.writeString(propertiesFile, sb.toString(), StandardCharsets.UTF_8);

		// The broker logs through slf4j -> logback (on the test classpath). Without an
		// explicit file it
		// would pick up whatever logback(-test).xml the project has; keep it at INFO and
		// quiet the
		// multi-hundred-line config dumps.
		Files.writeString(dataDir.resolve("broker-logback.xml"), """
				<configuration>
				  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
				  <logger name="kafka.server.KafkaConfig" level="WARN"/>
				  <logger name="org.apache.kafka.raft.QuorumConfig" level="WARN"/>
				  <logger name="org.apache.kafka.clients" level="WARN"/>
				  <logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
				  <root level="INFO"><appender-ref ref="OUT"/></root>
				</configuration>
				""", StandardCharsets.UTF_8);

		// The classpath goes through a java @argfile: no command-line length limits.
		List<String> args = new ArrayList<>();
		args.add("-cp");
		args.add(quoteForArgFile(absoluteClassPath()));
		args.add(quoteForArgFile("-Dlogback.configurationFile=" + dataDir.resolve("broker-logback.xml")));
		args.add(quoteForArgFile("-Djava.io.tmpdir=" + dataDir.resolve("tmp")));
		args.add("-Djava.awt.headless=true");
		Files.write(jvmArgsFile, args, StandardCharsets.UTF_8);
	}

	private void formatIfNeeded() throws IOException {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		long t0 = System.nanoTime();
		String clusterId = Uuid.randomUuid().toString();
		List<String> cmd = javaCommand("-Xmx256m");
		cmd.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t", clusterId, "-c",
				propertiesFile.toString()));
		appendToBrokerLog("=== " + java.time.Instant.now() + " formatting storage, cluster id " + clusterId);
		Process format = new ProcessBuilder(cmd).directory(dataDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()))
			.start();
		try {
			if (!format.waitFor(60, TimeUnit.SECONDS)) {
				format.destroyForcibly();
				throw new IllegalStateException("Kafka StorageTool format timed out; see " + brokerLog);
			}
		}
		catch (InterruptedException e) {
			format.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
		}
		if (format.exitValue() != 0) {
			throw new IllegalStateException(
					"Kafka StorageTool format failed (exit " + format.exitValue() + ")\n" + tailOfBrokerLog());
		}
		log.info("Formatted Kafka storage in {} (cluster id {}) in {} ms", logDir, clusterId, millisSince(t0));
	}

	private synchronized void launch() throws IOException {
		if (!isFree(port) || !isFree(controllerPort)) {
			throw new IllegalStateException("Cannot start Kafka: port " + port + " or " + controllerPort + " on " + HOST
					+ " is in use (another broker still running?)");
		}
		long t0 = System.nanoTime();
		List<String> cmd = javaCommand("-Xmx" + maxHeap);
		cmd.add("-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
		cmd.add(BrokerMain.class.getName());
		cmd.add(propertiesFile.toString());
		appendToBrokerLog("=== " + java.time.Instant.now() + " starting broker on " + bootstrapServers());
		process = new ProcessBuilder(cmd).directory(dataDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()))
			.start();
		RUNNING.add(this);
		installShutdownHook();
		try {
			awaitReady();
		}
		catch (RuntimeException e) {
			kill();
			throw e;
		}
		log.info("Kafka broker ready on {} (pid {}, data {}) after {} ms", bootstrapServers(), process.pid(), dataDir,
				millisSince(t0));
	}

	private void awaitReady() {
		try {
			// 1. The listener accepts TCP connections (checked quietly: an AdminClient
			// started earlier would log a connection warning every few ms).
			Awaitility.await("Kafka broker on " + bootstrapServers() + " listening")
				.atMost(READY_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.until(this::accepting);
			// 2. The broker itself reports a cluster with a controller.
			Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
					5000, AdminClientConfig.CLIENT_ID_CONFIG, "standalone-kafka-readiness");
			try (Admin admin = Admin.create(conf)) {
				Awaitility.await("Kafka broker on " + bootstrapServers() + " ready")
					.atMost(READY_TIMEOUT)
					.pollInterval(Duration.ofMillis(200))
					.until(() -> hasController(admin));
			}
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(ex.getMessage() + "\n" + tailOfBrokerLog(), ex);
		}
	}

	private boolean accepting() throws IOException {
		checkAlive();
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress(HOST, port), 500);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	private boolean hasController(Admin admin) throws InterruptedException {
		checkAlive();
		try {
			var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000));
			var nodes = cluster.nodes().get(5, TimeUnit.SECONDS);
			Node controller = cluster.controller().get(5, TimeUnit.SECONDS);
			return !nodes.isEmpty() && controller != null && !controller.isEmpty();
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
			return false;
		}
	}

	private void checkAlive() {
		if (process == null || !process.isAlive()) {
			throw new IllegalStateException(
					"Kafka broker process exited" + (process == null ? "" : " with code " + process.exitValue())
							+ " before becoming ready\n" + tailOfBrokerLog());
		}
	}

	private List<String> javaCommand(String heapOption) {
		List<String> cmd = new ArrayList<>();
		cmd.add(javaBinary());
		cmd.add(heapOption);
		cmd.add("@" + jvmArgsFile);
		return cmd;
	}

	private static String javaBinary() {
		return ProcessHandle.current()
			.info()
			.command()
			.filter(c -> Files.isExecutable(Path.of(c)))
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * The broker runs with dataDir as working directory: relative class path entries must
	 * be made absolute.
	 */
	private static String absoluteClassPath() {
		StringBuilder cp = new StringBuilder();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			if (cp.length() > 0) {
				cp.append(java.io.File.pathSeparator);
			}
			cp.append(Path.of(entry).toAbsolutePath().normalize());
		}
		return cp.toString();
	}

	private static String quoteForArgFile(String arg) {
		return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	private void appendToBrokerLog(String line) throws IOException {
		try (Writer w = Files.newBufferedWriter(brokerLog, StandardCharsets.UTF_8,
				java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
			w.write(line);
			w.write('\n');
		}
	}

	private String tailOfBrokerLog() {
		try {
			List<String> lines = Files.readAllLines(brokerLog, StandardCharsets.UTF_8);
			return "--- last lines of " + brokerLog + " ---\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException | UncheckedIOException e) {
			return "(cannot read " + brokerLog + ": " + e + ")";
		}
	}

	private static long millisSince(long t0) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
	}

	private static synchronized void installShutdownHook() {
		if (shutdownHookInstalled) {
			return;
		}
		shutdownHookInstalled = true;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			List<Process> processes = new ArrayList<>();
			for (StandaloneKafka k : RUNNING) {
				Process p = k.process;
				if (p != null && p.isAlive()) {
					p.destroy();
					processes.add(p);
				}
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			for (Process p : processes) {
				try {
					long left = deadline - System.nanoTime();
					if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
						p.destroyForcibly();
					}
				}
				catch (InterruptedException e) {
					p.destroyForcibly();
				}
			}
		}, "standalone-kafka-shutdown"));
	}

	/**
	 * For manual runs and benchmarks: {@code StandaloneKafka [port]} (default 9092), data
	 * in {@code target/standalone-kafka}; runs until this JVM is stopped (the broker goes
	 * with it).
	 */
	public static void main(String[] args) throws Exception {
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
		StandaloneKafka kafka = start(Path.of("target", "standalone-kafka"), port);
		System.out.println("Kafka running at " + kafka.bootstrapServers() + " (pid " + kafka.pid() + ", log "
				+ kafka.brokerLog() + "); stop with Ctrl-C / SIGTERM");
		int exit = kafka.process.waitFor();
		System.out.println("Kafka broker exited with code " + exit);
		System.exit(exit);
	}

	/**
	 * Entry point of the child JVM: runs {@code kafka.Kafka} and exits if the parent JVM
	 * disappears (even after a SIGKILL, when no shutdown hook of the parent can run).
	 */
	public static final class BrokerMain {

		private BrokerMain() {
		}

		public static void main(String[] args) {
			String parent = System.getProperty(PARENT_PID_PROPERTY);
			if (parent != null) {
				ProcessHandle handle = ProcessHandle.of(Long.parseLong(parent)).orElse(null);
				if (handle == null) {
					System.err.println("Parent process " + parent + " is gone; not starting Kafka");
					System.exit(1);
				}
				Thread watchdog = new Thread(() -> {
					handle.onExit().join();
					System.err.println("Parent process " + parent + " exited; shutting Kafka down");
					System.exit(0); // runs Kafka's own shutdown hook: a clean shutdown
				}, "standalone-kafka-parent-watchdog");
				watchdog.setDaemon(true);
				watchdog.start();
			}
			kafka.Kafka.main(args);
		}

	}

}
