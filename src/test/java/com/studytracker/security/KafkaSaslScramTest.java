package com.studytracker.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.testsupport.Events;
import com.studytracker.testsupport.KafkaTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service on a {@code SASL_SSL} listener with SCRAM-SHA-512 of a real broker,
 * configured through environment variables only.
 */
// In a JVM of its own: a service configured only by environment variables must not meet
// the
// system properties and in-process brokers that other test classes leave behind.
@Tag("own-jvm")
@ExtendWith(OutputCaptureExtension.class)
class KafkaSaslScramTest {

	private final SecuredKafka kafka = SecuredKafka.get();

	@Test
	void anEventIsConfirmedOverSaslSslWithScramSha512ConfiguredByEnvironmentVariables(CapturedOutput output) {
		UUID eventId = UUID.randomUUID();
		try (ConfigurableApplicationContext service = ServiceFromEnvironment.start(variables(SecuredKafka.PASSWORD))) {
			ServiceFromEnvironment.awaitReady(service);
			KafkaTestClient producer = this.kafka.plaintextClient();

			producer.send(SecuredKafka.TOPICS, eventId.toString(),
					Events.json(Events.topicCreated(eventId, "Secured " + eventId)));

			Awaitility.await("confirmation of " + eventId)
				.atMost(Duration.ofSeconds(60))
				.until(() -> !producer.confirmations(SecuredKafka.TOPIC_CONFIRMATIONS, eventId).isEmpty());
		}
		assertThat(output).doesNotContain(SecuredKafka.PASSWORD).doesNotContain(SecuredKafka.STORE_PASSWORD);
	}

	@Test
	void aWrongPasswordEndsStartupInOneLineWithoutAReconnectStorm(CapturedOutput output) throws Exception {
		String wrong = "wrong-" + UUID.randomUUID();
		long brokerLogBefore = this.kafka.brokerLogLines();

		assertThatThrownBy(() -> ServiceFromEnvironment.start(variables(wrong))).isNotNull();
		int serviceLinesAtFailure = authenticationFailures(output);
		// No reconnect storm: the count stays where startup left it for the next 10 s.
		Awaitility.await()
			.during(Duration.ofSeconds(10))
			.atMost(Duration.ofSeconds(12))
			.until(() -> authenticationFailures(output) == serviceLinesAtFailure);

		assertThat(output.getAll().lines().filter(line -> line.startsWith("Kafka at ")).toList()).singleElement()
			.asString()
			.contains("Kafka at " + this.kafka.broker.bootstrapServers("SASL_SSL"))
			.contains("security.protocol SASL_SSL, sasl.mechanism SCRAM-SHA-512")
			.contains("invalid credentials");
		assertThat(output).doesNotContain(wrong).doesNotContain(SecuredKafka.STORE_PASSWORD);
		// Nothing kept trying once startup had failed, and it had tried a bounded number
		// of times.
		assertThat(authenticationFailures(output)).isEqualTo(serviceLinesAtFailure).isLessThanOrEqualTo(5);
		assertThat(this.kafka.brokerLogLinesSince(brokerLogBefore, "Failed authentication")).isBetween(1L, 5L);
	}

	private Map<String, String> variables(String password) {
		Map<String, String> variables = new HashMap<>(this.kafka.databaseVariables());
		variables.put("KAFKA_BOOTSTRAP_SERVERS", this.kafka.broker.bootstrapServers("SASL_SSL"));
		variables.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
		variables.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
		variables.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", SecuredKafka.jaasConfig(password));
		variables.put("SPRING_KAFKA_SSL_TRUSTSTORELOCATION", "file:" + this.kafka.trustStore.toAbsolutePath());
		variables.put("SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD", SecuredKafka.STORE_PASSWORD);
		variables.put("SPRING_KAFKA_SSL_TRUSTSTORETYPE", "PKCS12");
		return variables;
	}

	private static int authenticationFailures(CapturedOutput output) {
		return (int) output.getAll()
			.lines()
			.filter(line -> line.contains("failed authentication") || line.contains("Authentication failed"))
			.count();
	}

}
