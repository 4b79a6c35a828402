package com.studytracker.database;

import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * How the service migrates its database: on connections of its own, after checking the
 * server's version, and only once the {@code studytracker.*} settings are known to be
 * valid.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	/**
	 * Session settings of migration connections. The pool's statement and socket timeouts
	 * would cancel a full-table UPDATE on a large prototype database; a lock timeout
	 * still stops a migration queued behind a long transaction from stalling every query
	 * on that table.
	 */
	static final String MIGRATION_OPTIONS = "-c statement_timeout=0 -c lock_timeout=60000";

	private static final String POOL_PROPERTIES = "spring.datasource.hikari.data-source-properties";

	/**
	 * Flyway on its own (unpooled) connections to the same database as the pool, so the
	 * pool's timeouts do not apply to migrations and nothing set for migrations leaks
	 * into the pool.
	 */
	@Bean
	FlywayConfigurationCustomizer migrationsOnTheirOwnConnections(JdbcConnectionDetails connection,
			Environment environment) {
		Map<String, String> poolProperties = Binder.get(environment)
			.bind(POOL_PROPERTIES, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		return (configuration) -> configuration.dataSource(migrationDataSource(connection, poolProperties));
	}

	static DataSource migrationDataSource(JdbcConnectionDetails connection, Map<String, String> poolProperties) {
		Properties properties = new Properties();
		properties.putAll(poolProperties);
		properties.remove("socketTimeout");
		properties.setProperty("options", MIGRATION_OPTIONS);
		properties.setProperty("ApplicationName", "studytracker-migrations");
		properties.setProperty("logServerErrorDetail", "false");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(connection.getJdbcUrl(), properties);
		dataSource.setDriverClassName(connection.getDriverClassName());
		dataSource.setUsername(connection.getUsername());
		dataSource.setPassword(connection.getPassword());
		return dataSource;
	}

	/**
	 * Refuses a server older than {@link PostgresVersion#MINIMUM} before Flyway touches
	 * it.
	 */
	@Bean
	FlywayMigrationStrategy migrateSupportedServersOnly() {
		return (flyway) -> {
			PostgresVersion.requireSupported(flyway.getConfiguration().getDataSource());
			flyway.migrate();
		};
	}

	@Bean
	static BeanFactoryPostProcessor settingsBeforeDatabase() {
		return new SettingsBeforeDatabase();
	}

}
