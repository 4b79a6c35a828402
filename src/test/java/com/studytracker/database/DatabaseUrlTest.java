package com.studytracker.database;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	@ParameterizedTest
	@ValueSource(strings = { "pa/ss", "pa#ss", "pa?ss", "pa@ss", "p@ss/w#r?d:x", "a@b/c@d" })
	void readsRawSpecialCharactersInThePassword(String password) {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://app:" + password + "@db:5432/tracker?sslmode=require");

		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isEqualTo(password);
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tracker?sslmode=require");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pa/ss", "pa#ss", "pa?ss", "pa@ss", "p@ss/w#r?d:x %+" })
	void readsPercentEncodedSpecialCharactersInThePassword(String password) {
		String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");

		assertThat(DatabaseUrl.parse("postgresql://app:" + encoded + "@db/tracker").password()).isEqualTo(password);
	}

	@Test
	void keepsAPercentSignThatEncodesNothingAsSqlAlchemyDoes() {
		assertThat(DatabaseUrl.parse("postgresql://app:100%sure@db/tracker").password()).isEqualTo("100%sure");
	}

	@Test
	void keepsAnAtSignInTheDatabaseNameOrTheQuery() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://app:pw@db/team@home?application_name=me@work");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/team@home?application_name=me@work");
		assertThat(url.password()).isEqualTo("pw");
	}

	@Test
	void readsIpv6Hosts() {
		assertThat(DatabaseUrl.parse("postgresql://u:p@[::1]:5432/db").jdbcUrl())
			.isEqualTo("jdbc:postgresql://[::1]:5432/db");
		assertThat(DatabaseUrl.parse("postgresql://u:p@[2001:db8::7]/db").jdbcUrl())
			.isEqualTo("jdbc:postgresql://[2001:db8::7]/db");
	}

	@Test
	void acceptsHostListsMixingIpv6AndNames() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@w@[::1]:5432,db2,10.0.0.3:5433/db");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432,db2,10.0.0.3:5433/db");
		assertThat(url.password()).isEqualTo("p@w");
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql://app:p@ss/w#r?d@db/tracker", "postgresql://app:p%40ss%2Fw%23r%3Fd@db/tracker",
			"jdbc:postgresql://db/tracker?user=app&password=p%40ss%2Fw%23r%3Fd",
			"jdbc:postgresql://db/tracker?password=p@ss/w#r?d" })
	void printsNoPasswordInAnyEncoding(String value) {
		String printed = DatabaseUrl.redact(value) + " " + DatabaseUrl.parse(value);

		assertThat(printed).contains("db/tracker")
			.doesNotContain("p@ss/w#r?d")
			.doesNotContain("p%40ss%2Fw%23r%3Fd")
			.doesNotContain("w#r");
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql://app:p@ss?w#r@db:x/tracker", "postgresql://app:p@ss?w#r@db:5432",
			"postgresql://app:pa/ss/tracker", "mysql://app:p@ss/w#r?d@db/tracker" })
	void rejectsMalformedUrlsWithoutShowingAnyPartOfThePassword(String value) {
		assertThatThrownBy(() -> DatabaseUrl.parse(value)).isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessageNotContaining("p@ss")
			.hasMessageNotContaining("w#r")
			.hasMessageNotContaining("pa/ss");
	}

}
