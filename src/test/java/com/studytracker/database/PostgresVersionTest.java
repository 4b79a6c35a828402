package com.studytracker.database;

import java.sql.ResultSet;

import javax.sql.DataSource;

import com.studytracker.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

class PostgresVersionTest {

	@ParameterizedTest
	@ValueSource(ints = { 90624, 100023, 110022, 120022, 129999 })
	void refusesServersOlderThan13(int serverVersionNum) {
		assertThat(PostgresVersion.isSupported(serverVersionNum)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 130000, 130018, 150020, 170004, 180000 })
	void acceptsPostgres13AndLater(int serverVersionNum) {
		assertThat(PostgresVersion.isSupported(serverVersionNum)).isTrue();
	}

	@Test
	void refusesAnOldServerInOneLineBeforeMigrating() throws Exception {
		DataSource postgres12 = mock(DataSource.class, RETURNS_DEEP_STUBS);
		ResultSet version = postgres12.getConnection().createStatement().executeQuery(anyString());
		given(version.next()).willReturn(true);
		given(version.getInt(1)).willReturn(120022);
		given(version.getString(2)).willReturn("12.22");

		assertThatThrownBy(() -> PostgresVersion.requireSupported(postgres12))
			.isInstanceOfSatisfying(UnsupportedPostgresVersionException.class, (ex) -> {
				FailureAnalysis analysis = new UnsupportedPostgresVersionFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription())
					.isEqualTo("PostgreSQL 12.22 is too old: StudyTracker needs PostgreSQL 13 or newer.");
			});
	}

	@Test
	void acceptsTheLocalServer() {
		TestDatabase.Database database = TestDatabase.get();

		assertThatNoException().isThrownBy(() -> PostgresVersion.requireSupported(
				new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password())));
	}

}
