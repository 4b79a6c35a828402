package com.studytracker.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.studytracker.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Actuator over real HTTP: on its own port, only health, info and prometheus, no details
 * for anonymous callers, and readiness that follows the listeners while liveness does
 * not.
 */
class ManagementEndpointsTest extends IntegrationTest {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalManagementPort
	int managementPort;

	@LocalServerPort
	int serverPort;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void servesManagementOnItsOwnPortOnly() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.serverPort);
		assertThat(get(this.managementPort, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get(this.serverPort, "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get(this.serverPort, "/actuator/prometheus").statusCode()).isEqualTo(404);
	}

	@Test
	void exposesHealthInfoAndPrometheus() throws Exception {
		assertThat(get(this.managementPort, "/actuator/info").statusCode()).isEqualTo(200);
		HttpResponse<String> prometheus = get(this.managementPort, "/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
		assertThat(get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		await().untilAsserted(
				() -> assertThat(get(this.managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200));
	}

	@ParameterizedTest
	@ValueSource(strings = { "env", "heapdump", "threaddump", "loggers", "configprops", "shutdown", "metrics", "beans",
			"mappings", "sbom" })
	void answersNotFoundForEndpointsThatAreNotExposed(String endpoint) throws Exception {
		assertThat(get(this.managementPort, "/actuator/" + endpoint).statusCode()).isEqualTo(404);
		HttpResponse<String> post = this.http
			.send(HttpRequest.newBuilder(uri(this.managementPort, "/actuator/" + endpoint))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(404);
	}

	@Test
	void showsNoHealthDetailsToAnAnonymousCaller() throws Exception {
		String body = get(this.managementPort, "/actuator/health").body();
		assertThat(body).contains("\"status\"")
			.doesNotContain("components")
			.doesNotContain("clusterId")
			.doesNotContain("PostgreSQL")
			.doesNotContain("listener.");
	}

	@Test
	void readinessFailsWhileAListenerIsStoppedButLivenessStaysUp() throws Exception {
		MessageListenerContainer container = this.listeners.getListenerContainer("topic-created");
		container.stop();
		try {
			await().untilAsserted(() -> assertThat(get(this.managementPort, "/actuator/health/readiness").statusCode())
				.isEqualTo(503));
			assertThat(get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
		finally {
			container.start();
		}
		await().untilAsserted(
				() -> assertThat(get(this.managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200));
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
