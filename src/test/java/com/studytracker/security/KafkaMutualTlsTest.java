package com.studytracker.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.security.TestCertificates.Pem;
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
 * The service on an {@code SSL} listener that requires a client certificate
 * ({@code ssl.client.auth=required}), its certificate, key and CA given as a Spring SSL
 * bundle of PEM files, configured through environment variables only.
 */
// In a JVM of its own: a service configured only by environment variables must not meet
// the
// system properties and in-process brokers that other test classes leave behind.
@Tag("own-jvm")
@ExtendWith(OutputCaptureExtension.class)
class KafkaMutualTlsTest {

	private final SecuredKafka kafka = SecuredKafka.get();

	@Test
	void anEventIsConfirmedOverMutualTlsWithAnSslBundleConfiguredByEnvironmentVariables(CapturedOutput output) {
		UUID eventId = UUID.randomUUID();
		try (ConfigurableApplicationContext service = ServiceFromEnvironment
			.start(variables(this.kafka.client, true))) {
			ServiceFromEnvironment.awaitReady(service);
			KafkaTestClient producer = this.kafka.plaintextClient();

			producer.send(SecuredKafka.TOPICS, eventId.toString(),
					Events.json(Events.topicCreated(eventId, "Mutual TLS " + eventId)));

			Awaitility.await("confirmation of " + eventId)
				.atMost(Duration.ofSeconds(60))
				.until(() -> !producer.confirmations(SecuredKafka.TOPIC_CONFIRMATIONS, eventId).isEmpty());
		}
		assertThat(output).doesNotContain("PRIVATE KEY");
	}

	@Test
	void withoutAClientCertificateStartupEndsInOneLine(CapturedOutput output) {
		assertThatThrownBy(() -> ServiceFromEnvironment.start(variables(null, true))).isNotNull();

		assertThat(rejections(output)).singleElement()
			.asString()
			.contains("Kafka at " + this.kafka.broker.bootstrapServers("SSL"))
			.contains("security.protocol SSL)");
	}

	@Test
	void aClientCertificateFromAnotherCaEndsStartupInOneLine(CapturedOutput output) {
		assertThatThrownBy(() -> ServiceFromEnvironment.start(variables(this.kafka.untrustedClient, true))).isNotNull();

		assertThat(rejections(output)).singleElement()
			.asString()
			.contains("Kafka at " + this.kafka.broker.bootstrapServers("SSL"));
	}

	private Map<String, String> variables(Pem clientCertificate, boolean trustTheBroker) {
		Map<String, String> variables = new HashMap<>(this.kafka.databaseVariables());
		variables.put("KAFKA_BOOTSTRAP_SERVERS", this.kafka.broker.bootstrapServers("SSL"));
		variables.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SSL");
		variables.put("SPRING_KAFKA_SSL_BUNDLE", "kafka");
		if (clientCertificate != null) {
			variables.put("SPRING_SSL_BUNDLE_PEM_KAFKA_KEYSTORE_CERTIFICATE",
					"file:" + clientCertificate.certificate().toAbsolutePath());
			variables.put("SPRING_SSL_BUNDLE_PEM_KAFKA_KEYSTORE_PRIVATEKEY",
					"file:" + clientCertificate.key().toAbsolutePath());
		}
		if (trustTheBroker) {
			variables.put("SPRING_SSL_BUNDLE_PEM_KAFKA_TRUSTSTORE_CERTIFICATE",
					"file:" + this.kafka.ca.certificate().toAbsolutePath());
		}
		return variables;
	}

	private static List<String> rejections(CapturedOutput output) {
		return output.getAll().lines().filter(line -> line.startsWith("Kafka at ")).toList();
	}

}
