package com.studytracker.database;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection read from {@code DATABASE_URL} in any form existing deployments
 * use: SQLAlchemy's {@code postgresql+psycopg2://user:pass@host:port/db}, libpq's
 * {@code postgresql://} and {@code postgres://}, or a JDBC URL. IPv6 literals
 * ({@code [::1]}) and host lists ({@code h1:5432,h2:5433}) are accepted; query parameters
 * such as {@code sslmode} carry over.
 *
 * <p>
 * The password ends at the last {@code @} that is followed by a well-formed host list and
 * the {@code /} of the database name, so it may hold raw {@code / # ? @ :} (see the
 * README's Configuration section for the rule and its one ambiguity). User and password
 * are percent-decoded as SQLAlchemy does ({@code +} stays a plus, a {@code %} not
 * followed by two hex digits stays as is).
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

	private static final Pattern SCHEME = Pattern
		.compile("(?i)^(?:jdbc:)?(?:postgres|postgresql)(?:\\+[a-z0-9_]+)?://");

	private static final String EXPECTED = "expected postgresql://user:password@host:port/database (or postgres://, postgresql+psycopg2://, jdbc:postgresql://)";

	static DatabaseUrl parse(String value) {
		String trimmed = value.trim();
		Matcher scheme = SCHEME.matcher(trimmed);
		if (!scheme.find()) {
			throw new InvalidDatabaseUrlException(EXPECTED + ", got '" + UrlRedaction.unparsable(trimmed) + "'");
		}
		String rest = trimmed.substring(scheme.end());
		int at = UserInfo.end(rest);
		UserInfo userInfo = UserInfo.parse((at < 0) ? null : rest.substring(0, at));
		String afterUserInfo = rest.substring(at + 1);
		int hostsEnd = HostList.end(afterUserInfo, 0);
		String hosts = afterUserInfo.substring(0, hostsEnd);
		HostList.check(hosts, trimmed);
		if (hostsEnd == afterUserInfo.length() || afterUserInfo.charAt(hostsEnd) != '/') {
			throw new InvalidDatabaseUrlException("no database name in '" + UrlRedaction.unparsable(trimmed) + "'");
		}
		String path = afterUserInfo.substring(hostsEnd + 1);
		int question = path.indexOf('?');
		String database = (question < 0) ? path : path.substring(0, question);
		String query = (question < 0) ? "" : path.substring(question + 1);
		if (PercentDecoding.decode(database).isBlank()) {
			throw new InvalidDatabaseUrlException("no database name in '" + UrlRedaction.unparsable(trimmed) + "'");
		}
		String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + database + (query.isEmpty() ? "" : "?" + query);
		return new DatabaseUrl(jdbcUrl, userInfo.username(), userInfo.password());
	}

	/**
	 * The URL as safe to print. A URL that parses is printed from its parts (the JDBC
	 * form, which never holds user information), with secret query parameters masked.
	 * Otherwise everything up to the last {@code @} is masked (or, without an {@code @},
	 * a host part that is not a host list).
	 */
	static String redact(String url) {
		try {
			return UrlRedaction.secretParameters(parse(url).jdbcUrl());
		}
		catch (InvalidDatabaseUrlException ex) {
			return UrlRedaction.unparsable(url);
		}
	}

	/** The printed form: the JDBC URL (secret parameters masked) and the user name. */
	@Override
	public String toString() {
		return "DatabaseUrl[" + UrlRedaction.secretParameters(this.jdbcUrl) + ", user=" + this.username + "]";
	}

	static boolean isSet(String value) {
		return value != null && !value.isBlank() && !value.toLowerCase(Locale.ROOT).equals("none");
	}

}
