package com.studytracker.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.TerminalFailureException;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import com.studytracker.testsupport.StandaloneKafka;

/**
 * The service as its own JVM, the way it is deployed:
 * {@code java -jar target/studytracker-*.jar} (built by {@code ./mvnw package}; the
 * {@code faults} profile runs after it), or, when the jar is not there,
 * {@code java -cp <main classes + runtime deps> com.studytracker.StudyTrackerApplication}.
 * Configured like production: {@code DATABASE_URL} and {@code KAFKA_BOOTSTRAP_SERVERS} in
 * the environment, everything else as {@code -D} properties. Output goes to a log file
 * under {@code target/faults/logs}.
 */
final class ServiceProcess implements AutoCloseable {

	static final Path JAR = Path.of("target", "studytracker-0.1.0-SNAPSHOT.jar").toAbsolutePath();

	private static final Set<ServiceProcess> ALIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> ALIVE.forEach(s -> {
			Process p = s.process;
			if (p != null) {
				p.destroyForcibly();
			}
		}), "fault-services-shutdown"));
	}

	private final String name;

	private final Map<String, String> env = new LinkedHashMap<>();

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final String heap;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Process process;

	private int starts;

	ServiceProcess(String name, String kafkaBootstrap, String databaseUrl, Map<String, String> properties) {
		this.name = name;
		this.port = StandaloneKafka.freePort();
		this.heap = System.getProperty("faults.service-heap", "384m");
		this.env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
		this.env.put("DATABASE_URL", databaseUrl);
		this.properties.put("server.port", String.valueOf(this.port));
		// Actuator on the service port (its own port elsewhere), with the metrics the
		// checks read.
		this.properties.put("management.server.port", String.valueOf(this.port));
		this.properties.put("management.endpoints.web.exposure.include", "health,metrics");
		this.properties.put("java.io.tmpdir", FaultEnvironment.WORK_DIR.resolve("tmp").toString());
		this.properties.putAll(properties);
		this.log = FaultEnvironment.WORK_DIR.resolve("logs").resolve(name + ".log");
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	int port() {
		return this.port;
	}

	/** Where the fault suite's classes (with {@link CrashWindows}) were compiled to. */
	private static String faultSuiteClasses() {
		try {
			return Path.of(CrashWindows.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Sets (or with null removes) a -D property for the next start. */
	ServiceProcess property(String key, String value) {
		if (value == null) {
			this.properties.remove(key);
		}
		else {
			this.properties.put(key, value);
		}
		return this;
	}

	synchronized ServiceProcess start() {
		if (isRunning()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Xmx" + this.heap);
		cmd.add("-XX:+ExitOnOutOfMemoryError");
		this.properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
		// The crash switch is not in the service: it joins through Boot's public seams.
		boolean crashSwitch = this.properties.containsKey("studytracker.test.halt-at");
		if (crashSwitch) {
			cmd.add("-Dspring.main.sources=" + CrashWindows.class.getName());
		}
		boolean jar = Files.isRegularFile(JAR) && !"classpath".equals(System.getProperty("faults.launch"));
		if (jar && crashSwitch) {
			cmd.add("-Dloader.path=" + faultSuiteClasses());
			cmd.add("-cp");
			cmd.add(JAR.toString());
			cmd.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		else if (jar) {
			cmd.add("-jar");
			cmd.add(JAR.toString());
		}
		else {
			cmd.add("-cp");
			cmd.add(mainClassPath() + (crashSwitch ? java.io.File.pathSeparator + faultSuiteClasses() : ""));
			cmd.add("com.studytracker.StudyTrackerApplication");
		}
		ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		Map<String, String> childEnv = builder.environment();
		childEnv.keySet()
			.removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("SPRING_") || k.startsWith("STUDYTRACKER_")
					|| k.equals("KAFKA_BOOTSTRAP_SERVERS") || k.equals("PORT"));
		childEnv.putAll(this.env);
		try {
			Files.writeString(this.log,
					"=== " + Instant.now() + " start #" + (++this.starts) + " of " + this.name + " ("
							+ (jar ? "jar" : "classpath") + ") port " + this.port + " props " + this.properties + "\n",
					StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ALIVE.add(this);
		return this;
	}

	/** Starts and waits until /actuator/health says UP. */
	ServiceProcess startHealthy() {
		start();
		awaitHealthy(Duration.ofSeconds(120));
		return this;
	}

	synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Exit code of the last process, or null while it runs / before a start. */
	synchronized Integer exitCode() {
		return (this.process != null && !this.process.isAlive()) ? this.process.exitValue() : null;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Graceful stop (SIGTERM): waits up to 90 s for the process to finish its in-flight
	 * batch and exit.
	 */
	synchronized int sigterm() {
		if (this.process == null) {
			return -1;
		}
		this.process.destroy();
		return waitForExit(Duration.ofSeconds(90));
	}

	/** Crash (SIGKILL). */
	synchronized int sigkill() {
		if (this.process == null) {
			return -1;
		}
		this.process.destroyForcibly();
		return waitForExit(Duration.ofSeconds(30));
	}

	/**
	 * Waits for the process to exit by itself (e.g. a test halt point); -1 on timeout.
	 */
	int waitForExit(Duration timeout) {
		Process p = this.process;
		try {
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return -1;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
		ALIVE.remove(this);
		return p.exitValue();
	}

	/** Starts a new process with the same settings and waits until healthy. */
	ServiceProcess restart() {
		if (isRunning()) {
			sigterm();
		}
		return startHealthy();
	}

	record Health(int status, String body) {

		boolean up() {
			return this.status == 200 && this.body.contains("\"status\":\"UP\"");
		}

		boolean down() {
			return !up();
		}

	}

	/** GET /actuator/health; status 0 if the service does not answer. */
	Health health() {
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
				.timeout(Duration.ofSeconds(20))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Health(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Health(0, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Health(0, ex.toString());
		}
	}

	/**
	 * GET any actuator path (e.g. metrics/hikaricp.connections.active); null if
	 * unanswered.
	 */
	String actuator(String path) {
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/" + path))
				.timeout(Duration.ofSeconds(20))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	void awaitHealthy(Duration timeout) {
		AtomicReference<Health> last = new AtomicReference<>();
		try {
			Awaitility.await(this.name + " healthy")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.failFast(() -> !isRunning())
				.until(() -> {
					last.set(health());
					return last.get().up();
				});
		}
		catch (TerminalFailureException ex) {
			throw new IllegalStateException(this.name + " exited with code " + exitCode()
					+ " before becoming healthy; see " + this.log + "\n" + tail(40));
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(
					this.name + " not healthy within " + timeout + ": " + last.get() + "\n" + tail(40));
		}
	}

	/** Last lines of the log, for failure messages. */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/** Number of log lines containing the text (across restarts). */
	long logCount(String text) {
		try (var lines = Files.lines(this.log, StandardCharsets.ISO_8859_1)) {
			return lines.filter(l -> l.contains(text)).count();
		}
		catch (IOException | UncheckedIOException ex) {
			return 0;
		}
	}

	@Override
	public void close() {
		if (isRunning()) {
			sigterm();
			if (isRunning()) {
				sigkill();
			}
		}
		ALIVE.remove(this);
	}

	/**
	 * target/classes and the runtime dependencies: the test class path without test
	 * classes.
	 */
	private static String mainClassPath() {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!entry.isEmpty() && !entry.replace('\\', '/').endsWith("test-classes")
					&& !entry.replace('\\', '/').endsWith("test-classes/")) {
				entries.add(Path.of(entry).toAbsolutePath().toString());
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
