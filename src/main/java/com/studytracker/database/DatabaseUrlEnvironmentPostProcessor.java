package com.studytracker.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Honours {@code DATABASE_URL}, the variable existing deployments of the prototype set,
 * by turning it into {@code spring.datasource.*}. {@code DATABASE_USERNAME} /
 * {@code DATABASE_PASSWORD} override what the URL holds.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "studytrackerDatabaseUrl";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String value = environment.getProperty("DATABASE_URL");
		if (DatabaseUrl.isSet(value)) {
			DatabaseUrl url = DatabaseUrl.parse(value);
			properties.put("spring.datasource.url", url.jdbcUrl());
			putIfSet(properties, "spring.datasource.username", url.username());
			putIfSet(properties, "spring.datasource.password", url.password());
		}
		putIfSet(properties, "spring.datasource.username", environment.getProperty("DATABASE_USERNAME"));
		putIfSet(properties, "spring.datasource.password", environment.getProperty("DATABASE_PASSWORD"));
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
		}
	}

	private static void putIfSet(Map<String, Object> properties, String key, String value) {
		if (value != null && !value.isEmpty()) {
			properties.put(key, value);
		}
	}

}
