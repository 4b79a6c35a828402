package com.studytracker.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

	@Test
	void readsThePrototypesSqlAlchemyUrl() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql+psycopg2://studytracker:studytracker@db:5432/studytracker");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/studytracker");
		assertThat(url.username()).isEqualTo("studytracker");
		assertThat(url.password()).isEqualTo("studytracker");
	}

	@Test
	void readsLibpqUrlsAndKeepsQueryParameters() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://app@db.internal/tracker?sslmode=require&connectTimeout=5");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/tracker?sslmode=require&connectTimeout=5");
		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isNull();
		assertThat(DatabaseUrl.parse("postgresql://a:b@h:6543/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:6543/d");
	}

	@Test
	void decodesPercentEncodedCredentials() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://user%40corp:p%40ss%3Aw+rd@host/db");

		assertThat(url.username()).isEqualTo("user@corp");
		assertThat(url.password()).isEqualTo("p@ss:w+rd");
	}

	@Test
	void passesJdbcUrlsThrough() {
		DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/studytracker?ApplicationName=x");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/studytracker?ApplicationName=x");
		assertThat(url.username()).isNull();
	}

	@Test
	void acceptsSeveralHosts() {
		assertThat(DatabaseUrl.parse("postgresql://u:p@h1:5432,h2:5433/db?targetServerType=primary").jdbcUrl())
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary");
	}

	@Test
	void rejectsUrlsThatAreNotPostgresWithoutShowingThePassword() {
		assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/app"))
			.isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessageStartingWith("DATABASE_URL is malformed")
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void rejectsAMissingDatabaseNameOrABadPort() {
		assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:secret@db:5432"))
			.hasMessageContaining("no database name")
			.hasMessageNotContaining("secret");
		assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:secret@db:port/x")).hasMessageContaining("port")
			.hasMessageNotContaining("secret");
	}

}
