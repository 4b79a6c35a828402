package com.studytracker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.studytracker.security.TestCertificates.Pem;
import com.studytracker.testsupport.KafkaTestClient;
import com.studytracker.testsupport.StandaloneKafka;
import com.studytracker.testsupport.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.awaitility.Awaitility;

/**
 * One standalone KRaft broker per test JVM with, besides its PLAINTEXT listener (for the
 * tests' own producer and consumer, and to create the SCRAM user), a {@code SASL_SSL}
 * listener with SCRAM-SHA-512 and an {@code SSL} listener that requires a client
 * certificate. Its certificate (for {@code 127.0.0.1}) and the client's are signed by a
 * CA made for the run.
 */
final class SecuredKafka {

	static final String USER = "studytracker";

	static final String PASSWORD = "scram-" + UUID.randomUUID();

	static final String STORE_PASSWORD = "store-" + UUID.randomUUID().toString().substring(0, 8);

	static final String TOPICS = "studytracker.topic-created";

	static final String TOPIC_CONFIRMATIONS = "studytracker.topic-created.confirmations";

	private static SecuredKafka instance;

	final StandaloneKafka broker;

	final Pem ca;

	final Pem client;

	final Pem untrustedClient;

	final Path trustStore;

	private SecuredKafka(StandaloneKafka broker, Pem ca, Pem client, Pem untrustedClient, Path trustStore) {
		this.broker = broker;
		this.ca = ca;
		this.client = client;
		this.untrustedClient = untrustedClient;
		this.trustStore = trustStore;
	}

	static synchronized SecuredKafka get() {
		if (instance == null) {
			instance = start(Path.of("target", "secured-kafka-" + ProcessHandle.current().pid()));
		}
		return instance;
	}

	private static SecuredKafka start(Path directory) {
		deleteRecursively(directory);
		TestCertificates tools = new TestCertificates(directory.resolve("certificates"));
		Pem ca = tools.certificateAuthority("kafka-ca");
		Pem broker = tools.signedBy(ca, "broker", "IP:127.0.0.1", "DNS:localhost");
		Pem client = tools.signedBy(ca, "studytracker-client", "DNS:studytracker-client");
		Pem otherCa = tools.certificateAuthority("other-ca");
		Pem untrustedClient = tools.signedBy(otherCa, "untrusted-client", "DNS:untrusted-client");
		Path keyStore = tools.keyStore(broker, ca, STORE_PASSWORD);
		Path trustStore = tools.trustStore(ca, STORE_PASSWORD);

		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("ssl.keystore.type", "PKCS12");
		settings.put("ssl.keystore.location", keyStore.toAbsolutePath().toString());
		settings.put("ssl.keystore.password", STORE_PASSWORD);
		settings.put("ssl.key.password", STORE_PASSWORD);
		settings.put("ssl.truststore.type", "PKCS12");
		settings.put("ssl.truststore.location", trustStore.toAbsolutePath().toString());
		settings.put("ssl.truststore.password", STORE_PASSWORD);
		settings.put("listener.name.ssl.ssl.client.auth", "required");
		settings.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
		settings.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		Map<String, Integer> listeners = new LinkedHashMap<>();
		listeners.put("SASL_SSL", StandaloneKafka.freePort());
		listeners.put("SSL", StandaloneKafka.freePort());
		StandaloneKafka kafka = StandaloneKafka.start(directory.resolve("broker"), 0, StandaloneKafka.DEFAULT_MAX_HEAP,
				settings, listeners);
		Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "secured-kafka-stop"));
		createScramUser(kafka, trustStore);
		return new SecuredKafka(kafka, ca, client, untrustedClient, trustStore);
	}

	/** KRaft keeps SCRAM credentials in its metadata log: set through the Admin API. */
	private static void createScramUser(StandaloneKafka kafka, Path trustStore) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			admin
				.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create SCRAM user " + USER, ex);
		}
		// Until the broker has applied it, a login would fail: wait for one to succeed.
		Map<String, Object> scram = new HashMap<>();
		scram.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers("SASL_SSL"));
		scram.put("security.protocol", "SASL_SSL");
		scram.put("sasl.mechanism", "SCRAM-SHA-512");
		scram.put("sasl.jaas.config", jaasConfig(PASSWORD));
		scram.put("ssl.truststore.location", trustStore.toAbsolutePath().toString());
		scram.put("ssl.truststore.password", STORE_PASSWORD);
		Awaitility.await("SCRAM login as " + USER)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				try (Admin admin = Admin.create(scram)) {
					return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS) != null;
				}
			});
	}

	static String jaasConfig(String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER + "\" password=\""
				+ password + "\";";
	}

	/** The database settings of the service, as a deployment would set them. */
	Map<String, String> databaseVariables() {
		TestDatabase.Database database = TestDatabase.get();
		return Map.of("DATABASE_URL", database.jdbcUrl(), "DATABASE_USERNAME", database.username(), "DATABASE_PASSWORD",
				database.password(), "STUDYTRACKER_KAFKA_GROUPID", "studytracker-" + UUID.randomUUID());
	}

	/** A producer application's view, over the PLAINTEXT listener. */
	KafkaTestClient plaintextClient() {
		return KafkaTestClient.forBroker(this.broker.bootstrapServers(), List.of(TOPIC_CONFIRMATIONS));
	}

	/**
	 * Lines of the broker's log since {@code from} (a line count) that contain
	 * {@code text}.
	 */
	long brokerLogLinesSince(long from, String text) {
		try (Stream<String> lines = Files.lines(this.broker.brokerLog(), StandardCharsets.UTF_8)) {
			return lines.skip(from).filter(line -> line.contains(text)).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long brokerLogLines() {
		try (Stream<String> lines = Files.lines(this.broker.brokerLog(), StandardCharsets.UTF_8)) {
			return lines.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
