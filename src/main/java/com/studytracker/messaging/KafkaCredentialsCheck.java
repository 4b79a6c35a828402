package com.studytracker.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * With a secured broker (any {@code security.protocol} but PLAINTEXT), asks the broker
 * once, before any listener or producer starts, whether it accepts the service's
 * credentials and certificates. If it rejects them, startup ends with one line
 * ({@link KafkaCredentialsFailureAnalyzer}) instead of a service that looks started while
 * every client retries a login that cannot succeed. A broker that does not answer in time
 * is left to the usual retries: it may come later.
 */
@Component
class KafkaCredentialsCheck implements BeanPostProcessor {

	private static final int TIMEOUT_MS = 15_000;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaAdmin kafkaAdmin) {
			check(kafkaAdmin.getConfigurationProperties());
		}
		return bean;
	}

	static void check(Map<String, Object> configuration) {
		String protocol = String
			.valueOf(configuration.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
		if (protocol.equalsIgnoreCase("PLAINTEXT")) {
			return;
		}
		Map<String, Object> config = new HashMap<>(configuration);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "studytracker-credentials-check");
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
		try (Admin admin = Admin.create(config)) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
				.clusterId()
				.get(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof AuthenticationException rejected) {
				Object servers = configuration.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
				if (servers instanceof java.util.Collection<?> list) {
					servers = String.join(",", list.stream().map(String::valueOf).toList());
				}
				Object mechanism = configuration.get(SaslConfigs.SASL_MECHANISM);
				throw new KafkaCredentialsRejectedException(String.valueOf(servers), protocol,
						protocol.startsWith("SASL") ? String.valueOf((mechanism != null) ? mechanism : "GSSAPI") : null,
						rejected);
			}
		}
		catch (TimeoutException ex) {
			// Unreachable for now: the listeners' own retries take over.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The broker refused the service's credentials or its TLS handshake. */
	static class KafkaCredentialsRejectedException extends RuntimeException {

		private final String bootstrapServers;

		private final String protocol;

		private final String mechanism;

		KafkaCredentialsRejectedException(String bootstrapServers, String protocol, String mechanism,
				AuthenticationException cause) {
			super("Kafka at " + bootstrapServers + " rejected the service (security.protocol " + protocol
					+ ((mechanism != null) ? ", sasl.mechanism " + mechanism : "") + "): " + describe(cause), cause);
			this.bootstrapServers = bootstrapServers;
			this.protocol = protocol;
			this.mechanism = mechanism;
		}

		String bootstrapServers() {
			return this.bootstrapServers;
		}

		String protocol() {
			return this.protocol;
		}

		String mechanism() {
			return this.mechanism;
		}

		/**
		 * Kafka's message, and for TLS the root cause (e.g. PKIX path building failed).
		 */
		private static String describe(AuthenticationException cause) {
			Throwable root = cause;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			String message = String.valueOf(cause.getMessage());
			return (root == cause || root.getMessage() == null || message.contains(root.getMessage())) ? message
					: message + ": " + root.getMessage();
		}

	}

}
