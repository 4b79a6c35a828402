package com.studytracker.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Smoke tests of the embedded PostgreSQL the tests, the local run and the fault suite
 * rely on.
 */
class PostgresServerTest {

	private static PostgresServer server;

	// Durable settings: with PostgresServer.FAST an immediate stop loses the last
	// commits.
	@BeforeAll
	static void startServer() {
		server = PostgresServer.startTemporary("server-test", Map.of());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void committedRowsSurviveAnImmediateStopAndARestartOnTheSamePort() throws Exception {
		String url = server.jdbcUrl("crash_check");
		PostgresDatabases.recreate(url, "crash_check", "crash_check");
		execute(url, "crash_check", "crash_check", "create table t (id int primary key)",
				"insert into t values (1), (2)");

		server.stopImmediately();
		assertThat(server.isRunning()).isFalse();
		assertThatThrownBy(() -> DriverManager.getConnection(url, "crash_check", "crash_check"))
			.isInstanceOf(SQLException.class);

		server.restart();
		assertThat(server.isRunning()).isTrue();
		assertThat(count(url, "crash_check", "crash_check", "select count(*) from t")).isEqualTo(2);
	}

	@Test
	void createsRoleAndDatabaseIdempotentlyAndConcurrently() throws Exception {
		String url = server.jdbcUrl("infra_check");
		String password = "pw'with\"quotes";
		List<CompletableFuture<Void>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			calls.add(CompletableFuture.runAsync(() -> PostgresDatabases.ensure(url, "infra_check", password)));
		}
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
		execute(url, "infra_check", password, "create table probe (id int primary key)",
				"insert into probe values (1)");

		PostgresDatabases.ensure(url, "infra_check", password);
		assertThat(count(url, "infra_check", password, "select count(*) from probe")).as("ensure keeps the data")
			.isEqualTo(1);

		PostgresDatabases.recreate(url, "infra_check", password);
		assertThat(count(url, "infra_check", password,
				"select count(*) from pg_tables where tablename = 'probe' and tableowner = current_user"))
			.as("recreate starts empty")
			.isZero();
		assertThat(count(url, "infra_check", password,
				"select count(*) from pg_database where datname = current_database() and pg_get_userbyid(datdba) = current_user"))
			.as("owned by the role")
			.isEqualTo(1);
	}

	private static void execute(String url, String user, String password, String... statements) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
			for (String statement : statements) {
				s.execute(statement);
			}
		}
	}

	private static int count(String url, String user, String password, String query) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, user, password);
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(query)) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
