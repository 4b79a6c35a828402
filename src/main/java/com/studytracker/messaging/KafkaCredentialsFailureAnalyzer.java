package com.studytracker.messaging;

import com.studytracker.messaging.KafkaCredentialsCheck.KafkaCredentialsRejectedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a broker's refusal of the service's credentials or certificates into one line
 * naming the broker and the settings to check (never their values).
 */
public class KafkaCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<KafkaCredentialsRejectedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KafkaCredentialsRejectedException cause) {
		String action = (cause.mechanism() != null)
				? "Check the user and password in SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG, "
						+ "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM, and the trust store (SPRING_KAFKA_SSL_* or the "
						+ "SSL bundle named by SPRING_KAFKA_SSL_BUNDLE)."
				: "Check the key store (the client certificate the broker must trust) and the trust store "
						+ "(SPRING_KAFKA_SSL_* or the SSL bundle named by SPRING_KAFKA_SSL_BUNDLE).";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
