package com.studytracker.database;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection read from {@code DATABASE_URL} in any form existing deployments
 * use: SQLAlchemy's {@code postgresql+psycopg2://user:pass@host:port/db}, libpq's
 * {@code postgresql://} and {@code postgres://}, or a JDBC URL. Query parameters such as
 * {@code sslmode} carry over.
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

	private static final Pattern URL = Pattern.compile(
			"(?i)^(?:jdbc:)?(?:postgres|postgresql)(?:\\+[a-z0-9_]+)?://(?:(?<userinfo>[^@/?#]*)@)?(?<hosts>[^/?#]*)(?:/(?<database>[^?#]*))?(?:\\?(?<query>[^#]*))?$");

	static DatabaseUrl parse(String value) {
		String trimmed = value.trim();
		Matcher matcher = URL.matcher(trimmed);
		if (!matcher.matches()) {
			throw new InvalidDatabaseUrlException(
					"expected postgresql://user:password@host:port/database (or postgres://, postgresql+psycopg2://, jdbc:postgresql://), got '"
							+ redact(trimmed) + "'");
		}
		String hosts = matcher.group("hosts");
		if (hosts.isEmpty() || hosts.startsWith(":")) {
			throw new InvalidDatabaseUrlException("no host name in '" + redact(trimmed) + "'");
		}
		if (!hosts.matches("[^:,]+(:\\d{1,5})?(,[^:,]+(:\\d{1,5})?)*")) {
			throw new InvalidDatabaseUrlException("the port must be a number in '" + redact(trimmed) + "'");
		}
		String database = decode(matcher.group("database"));
		if (database == null || database.isBlank()) {
			throw new InvalidDatabaseUrlException("no database name in '" + redact(trimmed) + "'");
		}
		String username = null;
		String password = null;
		String userinfo = matcher.group("userinfo");
		if (userinfo != null && !userinfo.isEmpty()) {
			int colon = userinfo.indexOf(':');
			username = decode(colon < 0 ? userinfo : userinfo.substring(0, colon));
			password = colon < 0 ? null : decode(userinfo.substring(colon + 1));
		}
		String query = matcher.group("query");
		String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + matcher.group("database")
				+ ((query == null || query.isEmpty()) ? "" : "?" + query);
		return new DatabaseUrl(jdbcUrl, username, password);
	}

	/** The URL as safe to print: any password replaced by {@code ***}. */
	static String redact(String url) {
		return url.replaceAll("(://[^:@/?#]*:)[^@/?#]*@", "$1***@").replaceAll("(?i)(password=)[^&#]*", "$1***");
	}

	private static String decode(String part) {
		if (part == null) {
			return null;
		}
		try {
			return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDatabaseUrlException("bad percent-encoding in the user, password or database name");
		}
	}

	@Override
	public String toString() {
		return "DatabaseUrl[" + redact(this.jdbcUrl) + ", user=" + this.username + "]";
	}

	static boolean isSet(String value) {
		return value != null && !value.isBlank() && !value.toLowerCase(Locale.ROOT).equals("none");
	}

}
