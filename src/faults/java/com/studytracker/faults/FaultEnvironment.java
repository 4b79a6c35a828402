package com.studytracker.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.studytracker.testsupport.PostgresDatabases;
import com.studytracker.testsupport.PostgresServer;
import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.testsupport.StandaloneKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What every fault scenario shares: one standalone KRaft broker (a child JVM that can be
 * killed and restarted), a PostgreSQL server of its own ({@link PostgresServer}, which can
 * be stopped like a crash and restarted; never the machine's shared one), the sizes chosen
 * on the command line, and Kafka admin helpers (topics, consumer lag, offset resets).
 * Everything starts empty under {@code target/faults}. Scenarios stay independent by
 * using their own topics and consumer group ({@link ServiceTopics}) and a truncated
 * database.
 */
final class FaultEnvironment {

	static final Path WORK_DIR = Path.of("target", "faults").toAbsolutePath();

	static final String DB_NAME = "studytracker_faults";

	static final String DB_USER = "studytracker_faults";

	static final String DB_PASSWORD = "studytracker_faults";

	static final String PG_HOST = "127.0.0.1";

	static final int PARTITIONS = 6;

	/** Good events per scenario: {@code -Dfaults.events=50000} for the full size. */
	static final int EVENTS = Integer.getInteger("faults.events", 6000);

	/** Bad records mixed into the hostile-input scenario (the issue: 1,000 per 50k). */
	static final int HOSTILE_BAD = Integer.getInteger("faults.bad", Math.max(150, EVENTS / 50));

	/**
	 * How long the database connection is cut in scenario 4b (the issue: 60 s; CI uses
	 * less).
	 */
	static final Duration DB_CUT = Duration
		.ofSeconds(Long.getLong("faults.db-cut-seconds", EVENTS >= 50_000 ? 60 : 25));

	/**
	 * Events per second the load generator aims at; the stream lasts long enough for
	 * faults mid-way.
	 */
	static final double RATE = Double.parseDouble(System.getProperty("faults.rate", EVENTS >= 50_000 ? "600" : "200"));

	private static FaultEnvironment instance;

	private final PostgresServer postgres;

	private final StandaloneKafka kafka;

	private final Admin admin;

	private FaultEnvironment() {
		deleteRecursively(WORK_DIR);
		try {
			Files.createDirectories(WORK_DIR.resolve("logs"));
			Files.createDirectories(WORK_DIR.resolve("tmp"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// Durable settings: scenario 4a stops it with -m immediate and counts on every commit.
		this.postgres = PostgresServer.start(WORK_DIR.resolve("postgres"), Map.of());
		PostgresDatabases.recreate(jdbcUrl(this.postgres.port()), DB_USER, DB_PASSWORD);
		// Records up to 8 MB, so a 5 MB hostile record reaches the service (and its
		// dead-letter topic).
		this.kafka = StandaloneKafka.start(WORK_DIR.resolve("kafka"), 0, "512m",
				Map.of("message.max.bytes", String.valueOf(8 * 1024 * 1024), "replica.fetch.max.bytes",
						String.valueOf(8 * 1024 * 1024), "auto.create.topics.enable", "false"));
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				10_000));
	}

	static synchronized FaultEnvironment get() {
		if (instance == null) {
			instance = new FaultEnvironment();
		}
		return instance;
	}

	StandaloneKafka kafka() {
		return this.kafka;
	}

	PostgresServer postgres() {
		return this.postgres;
	}

	/** The port of the suite's PostgreSQL (the same across its restarts). */
	static int pgPort() {
		return get().postgres.port();
	}

	String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	static String jdbcUrl(int port) {
		return jdbcUrl(port, DB_NAME);
	}

	static String jdbcUrl(int port, String database) {
		return "jdbc:postgresql://" + PG_HOST + ":" + port + "/" + database;
	}

	/**
	 * The prototype-style URL the service reads from the DATABASE_URL environment
	 * variable.
	 */
	static String databaseUrlEnv(int port, String database) {
		return "postgresql://" + DB_USER + ":" + DB_PASSWORD + "@" + PG_HOST + ":" + port + "/" + database;
	}

	static Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(pgPort()), DB_USER, DB_PASSWORD);
	}

	/**
	 * Empties the service's tables (if the schema exists yet); only while no service
	 * runs.
	 */
	static void truncateTables() {
		try (Connection c = connect(); Statement s = c.createStatement()) {
			try (ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_schema = "
					+ "'public' and table_name in ('topics','sessions','pending_sessions','rejected_events')")) {
				rs.next();
				if (rs.getInt(1) < 4) {
					return;
				}
			}
			s.execute("truncate topics, sessions, pending_sessions, rejected_events restart identity cascade");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot truncate the fault database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Drops and re-creates an empty database owned by the fault role (for the Flyway
	 * race).
	 */
	static void recreateEmptyDatabase(String database) {
		try (Connection c = DriverManager.getConnection(jdbcUrl(pgPort(), "postgres"), "postgres", "");
				Statement s = c.createStatement()) {
			s.execute("drop database if exists " + database + " with (force)");
			s.execute("create database " + database + " owner " + DB_USER);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot re-create database " + database + ": " + ex.getMessage(), ex);
		}
	}

	void createTopics(ServiceTopics topics) {
		List<NewTopic> newTopics = new ArrayList<>();
		for (String name : topics.all()) {
			newTopics.add(new NewTopic(name, PARTITIONS, (short) 1));
		}
		try {
			Set<String> existing = this.admin.listTopics().names().get(30, TimeUnit.SECONDS);
			newTopics.removeIf(t -> existing.contains(t.name()));
			if (!newTopics.isEmpty()) {
				this.admin.createTopics(newTopics).all().get(60, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create topics " + topics.all(), ex);
		}
	}

	List<TopicPartition> partitions(String... topics) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			for (int p = 0; p < PARTITIONS; p++) {
				partitions.add(new TopicPartition(topic, p));
			}
		}
		return partitions;
	}

	/**
	 * The consumer groups that hold the service's committed offsets for these topics.
	 * Normally just {@code studytracker.kafka.group-id}; the service's
	 * {@code @KafkaListener(id = ...)} currently makes Spring Kafka use the listener ids
	 * ("topic-created", "session-logged") as group ids instead (see the report), so those
	 * are looked at too.
	 */
	List<String> effectiveGroups(ServiceTopics topics) {
		List<String> groups = new ArrayList<>();
		for (String group : List.of(topics.group(), "topic-created", "session-logged")) {
			if (!committed(group, topics).isEmpty()) {
				groups.add(group);
			}
		}
		return groups;
	}

	/**
	 * True if offsets for the input topics are committed under the configured group id.
	 */
	boolean usesConfiguredGroup(ServiceTopics topics) {
		return !committed(topics.group(), topics).isEmpty();
	}

	private Map<TopicPartition, OffsetAndMetadata> committed(String group, ServiceTopics topics) {
		try {
			Map<TopicPartition, OffsetAndMetadata> all = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetAndMetadata> ours = new HashMap<>();
			all.forEach((tp, o) -> {
				if (o != null && (tp.topic().equals(topics.topicInput()) || tp.topic().equals(topics.sessionInput()))) {
					ours.put(tp, o);
				}
			});
			return ours;
		}
		catch (Exception ex) {
			return Map.of();
		}
	}

	/**
	 * Sum over the input partitions of (end offset - committed offset), the committed
	 * offset taken from whichever group holds one ({@link #effectiveGroups}); -1 if the
	 * broker cannot tell.
	 */
	long lag(ServiceTopics topics) {
		try {
			List<TopicPartition> inputs = partitions(topics.topicInput(), topics.sessionInput());
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			inputs.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.listOffsets(latest)
				.all()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
			for (String group : List.of("session-logged", "topic-created", topics.group())) {
				committed.putAll(committed(group, topics));
			}
			long lag = 0;
			for (TopicPartition tp : inputs) {
				long end = ends.get(tp).offset();
				OffsetAndMetadata c = committed.get(tp);
				lag += end - ((c != null) ? c.offset() : 0);
			}
			return lag;
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/**
	 * Sets the committed offsets of the input topics to the earliest ones (the service
	 * must be stopped), in the configured group and in every group that actually holds
	 * the service's offsets.
	 */
	void resetGroupToEarliest(ServiceTopics topics) throws Exception {
		List<TopicPartition> inputs = partitions(topics.topicInput(), topics.sessionInput());
		Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
		inputs.forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = this.admin.listOffsets(earliest)
			.all()
			.get(30, TimeUnit.SECONDS);
		List<String> groups = new ArrayList<>(effectiveGroups(topics));
		if (!groups.contains(topics.group())) {
			groups.add(topics.group());
		}
		for (String group : groups) {
			Map<TopicPartition, OffsetAndMetadata> current = committed(group, topics);
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			starts.forEach((tp, info) -> {
				if (group.equals(topics.group()) || current.containsKey(tp)) {
					offsets.put(tp, new OffsetAndMetadata(info.offset()));
				}
			});
			if (!offsets.isEmpty()) {
				this.admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
			}
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
