package com.studytracker.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.studytracker.StudyTrackerApplication;
import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts the service as a deployment would configure it: through environment variables
 * (this process's own, plus the ones given, which Spring reads with the same relaxed
 * binding as real ones), on random ports.
 */
final class ServiceFromEnvironment {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ServiceFromEnvironment() {
	}

	static ConfigurableApplicationContext start(Map<String, String> variables) {
		Map<String, Object> all = new HashMap<>(System.getenv());
		all.putAll(variables);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, all));
		return new SpringApplicationBuilder(StudyTrackerApplication.class).environment(environment)
			.run("--server.port=0", "--management.server.port=0");
	}

	/** Waits until the readiness probe (database, broker, listeners) answers 200 UP. */
	static void awaitReady(ConfigurableApplicationContext service) {
		String port = service.getEnvironment().getProperty("local.management.port");
		URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
		Awaitility.await("readiness UP on " + readiness)
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(readiness).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200 && response.body().contains("\"UP\"");
			});
	}

}
