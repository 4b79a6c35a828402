package com.studytracker.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * What the service needs to run on a machine with nothing but Java (see
 * {@code TestStudyTrackerApplication}): an embedded PostgreSQL unless
 * {@code DATABASE_URL} is set, and a standalone KRaft broker unless
 * {@code KAFKA_BOOTSTRAP_SERVERS} is set. Both start empty on every run (data under
 * {@code target/local-postgres} and {@code target/local-kafka}) and stop with the
 * application. With {@code DATABASE_URL}, its role and database are created if missing
 * (where the server's {@code postgres} superuser may log in) and kept as they are
 * otherwise. Deliberately not a {@code @Configuration}, so that component scanning never
 * picks it up.
 */
public class LocalInfrastructure {

	private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

	private static final int KAFKA_PORT = 9092;

	@Bean(destroyMethod = "close")
	@Conditional(NoDatabaseUrl.class)
	PostgresServer localPostgres() {
		return PostgresServer.start(Path.of("target", "local-postgres"), Map.of());
	}

	@Bean
	@Conditional(NoDatabaseUrl.class)
	JdbcConnectionDetails localDatabase(PostgresServer localPostgres) {
		TestDatabase.Database database = new TestDatabase.Database(localPostgres.jdbcUrl("studytracker"),
				"studytracker", "studytracker");
		PostgresDatabases.recreate(database.jdbcUrl(), database.username(), database.password());
		log.info("Local database: psql postgresql://studytracker:studytracker@{}:{}/studytracker", localPostgres.host(),
				localPostgres.port());
		return database;
	}

	@Bean
	@Conditional(DatabaseUrl.class)
	JdbcConnectionDetails databaseFromUrl(Environment environment) {
		// spring.datasource.* as the service derived them from DATABASE_URL
		TestDatabase.Database database = new TestDatabase.Database(
				environment.getRequiredProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"));
		try {
			if (database.username() != null && database.password() != null) {
				PostgresDatabases.ensure(database.jdbcUrl(), database.username(), database.password());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Cannot create the role and database of DATABASE_URL, using it as it is: {}", ex.getMessage());
		}
		return database;
	}

	@Bean(destroyMethod = "close")
	@Conditional(NoKafkaBootstrapServers.class)
	StandaloneKafka localKafka() {
		Path dir = Path.of("target", "local-kafka");
		PostgresServer.deleteRecursively(dir.toAbsolutePath());
		// The README's examples use localhost:9092; if something else holds it, any port
		// will do.
		StandaloneKafka kafka = StandaloneKafka.start(dir, isListening(KAFKA_PORT) ? 0 : KAFKA_PORT);
		if (kafka.port() != KAFKA_PORT) {
			log.warn("Port {} is in use: the local Kafka broker listens on {} instead", KAFKA_PORT,
					kafka.bootstrapServers());
		}
		log.info("Local Kafka broker: {}", kafka.bootstrapServers());
		return kafka;
	}

	@Bean
	@Conditional(NoKafkaBootstrapServers.class)
	KafkaConnectionDetails localKafkaConnection(StandaloneKafka localKafka) {
		List<String> servers = List.of(localKafka.bootstrapServers());
		return () -> servers;
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static class NoDatabaseUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !context.getEnvironment().containsProperty("DATABASE_URL");
		}

	}

	static class DatabaseUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return context.getEnvironment().containsProperty("DATABASE_URL");
		}

	}

	static class NoKafkaBootstrapServers implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !context.getEnvironment().containsProperty("KAFKA_BOOTSTRAP_SERVERS");
		}

	}

}
