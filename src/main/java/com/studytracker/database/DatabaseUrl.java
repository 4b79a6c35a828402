package com.studytracker.database;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
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

	private static final String HOST = "(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~-]+)(?::\\d{1,5})?";

	private static final Pattern HOST_LIST = Pattern.compile(HOST + "(?:," + HOST + ")*");

	/** Query parameters whose value is a secret (pgjdbc's and libpq's names). */
	private static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");

	private static final String EXPECTED = "expected postgresql://user:password@host:port/database (or postgres://, postgresql+psycopg2://, jdbc:postgresql://)";

	static DatabaseUrl parse(String value) {
		String trimmed = value.trim();
		Matcher scheme = SCHEME.matcher(trimmed);
		if (!scheme.find()) {
			throw new InvalidDatabaseUrlException(EXPECTED + ", got '" + redactUnparsable(trimmed) + "'");
		}
		String rest = trimmed.substring(scheme.end());
		int at = userInfoEnd(rest);
		String userInfo = (at < 0) ? null : rest.substring(0, at);
		String afterUserInfo = rest.substring(at + 1);
		int hostsEnd = indexOfAny(afterUserInfo, "/?", 0);
		String hosts = afterUserInfo.substring(0, hostsEnd);
		checkHosts(hosts, trimmed);
		if (hostsEnd == afterUserInfo.length() || afterUserInfo.charAt(hostsEnd) != '/') {
			throw new InvalidDatabaseUrlException("no database name in '" + redactUnparsable(trimmed) + "'");
		}
		String path = afterUserInfo.substring(hostsEnd + 1);
		int question = path.indexOf('?');
		String database = (question < 0) ? path : path.substring(0, question);
		String query = (question < 0) ? "" : path.substring(question + 1);
		if (decode(database).isBlank()) {
			throw new InvalidDatabaseUrlException("no database name in '" + redactUnparsable(trimmed) + "'");
		}
		String username = null;
		String password = null;
		if (userInfo != null && !userInfo.isEmpty()) {
			int colon = userInfo.indexOf(':');
			username = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
		}
		String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + database + (query.isEmpty() ? "" : "?" + query);
		return new DatabaseUrl(jdbcUrl, username, password);
	}

	/**
	 * Where the user information ends: the last {@code @} followed by a well-formed host
	 * list and {@code /}, with no {@code /} in the user name (SQLAlchemy's rule). If no
	 * {@code @} qualifies, libpq's rule decides (an {@code @} before the first
	 * {@code /}), so that the error names the actual problem. -1: no user information.
	 */
	private static int userInfoEnd(String rest) {
		for (int at = rest.lastIndexOf('@'); at >= 0; at = rest.lastIndexOf('@', at - 1)) {
			int hostsEnd = indexOfAny(rest, "/?", at + 1);
			int colon = rest.indexOf(':');
			String user = rest.substring(0, (colon >= 0 && colon < at) ? colon : at);
			if (hostsEnd < rest.length() && rest.charAt(hostsEnd) == '/' && user.indexOf('/') < 0
					&& HOST_LIST.matcher(rest.substring(at + 1, hostsEnd)).matches()) {
				return at;
			}
			if (at == 0) {
				break;
			}
		}
		int firstAt = rest.indexOf('@');
		int firstSlash = rest.indexOf('/');
		return (firstAt >= 0 && (firstSlash < 0 || firstAt < firstSlash)) ? firstAt : -1;
	}

	private static void checkHosts(String hosts, String url) {
		if (HOST_LIST.matcher(hosts).matches()) {
			return;
		}
		for (String host : hosts.split(",", -1)) {
			String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceAll(":.*", "");
			if (name.isEmpty()) {
				throw new InvalidDatabaseUrlException("no host name in '" + redactUnparsable(url) + "'");
			}
			String port = host.substring(name.length());
			if (!port.isEmpty() && !port.matches(":\\d{1,5}")) {
				throw new InvalidDatabaseUrlException("the port must be a number in '" + redactUnparsable(url) + "'");
			}
		}
		throw new InvalidDatabaseUrlException("bad host name or IPv6 address (write it as [::1]) in '"
				+ redactUnparsable(url) + "'; percent-encode special characters in the password");
	}

	/**
	 * The URL as safe to print. A URL that parses is printed from its parts (the JDBC
	 * form, which never holds user information), with secret query parameters masked.
	 * Otherwise everything up to the last {@code @} is masked (or, without an {@code @},
	 * a host part that is not a host list).
	 */
	static String redact(String url) {
		try {
			return maskSecretParameters(parse(url).jdbcUrl());
		}
		catch (InvalidDatabaseUrlException ex) {
			return redactUnparsable(url);
		}
	}

	private static String redactUnparsable(String url) {
		int start = url.indexOf("://");
		start = (start < 0) ? 0 : start + 3;
		int at = url.lastIndexOf('@');
		String head = url.substring(0, start);
		if (at >= start) {
			return head + "***@" + maskSecretParameters(url.substring(at + 1));
		}
		// No @: a host part that is not a host list may be "user:password" missing its @.
		int hostsEnd = indexOfAny(url, "/?", start);
		String hosts = url.substring(start, hostsEnd);
		return head + (HOST_LIST.matcher(hosts).matches() ? hosts : "***")
				+ maskSecretParameters(url.substring(hostsEnd));
	}

	private static String maskSecretParameters(String url) {
		int question = url.indexOf('?');
		if (question < 0) {
			return url;
		}
		StringBuilder masked = new StringBuilder(url.substring(0, question + 1));
		String[] parameters = url.substring(question + 1).split("&", -1);
		for (int i = 0; i < parameters.length; i++) {
			int equals = parameters[i].indexOf('=');
			String key = (equals < 0) ? parameters[i] : parameters[i].substring(0, equals);
			masked.append((i > 0) ? "&" : "");
			masked.append(
					SECRET_PARAMETERS.contains(decode(key).toLowerCase(Locale.ROOT)) ? key + "=***" : parameters[i]);
		}
		return masked.toString();
	}

	/**
	 * Percent-decoding as Python's {@code unquote} (used by SQLAlchemy): {@code %XX}
	 * becomes that byte, anything else is kept, bytes are read as UTF-8.
	 */
	private static String decode(String part) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
		int i = 0;
		while (i < part.length()) {
			char c = part.charAt(i);
			if (c == '%' && i + 2 < part.length() && isHex(part.charAt(i + 1)) && isHex(part.charAt(i + 2))) {
				bytes.write(Integer.parseInt(part.substring(i + 1, i + 3), 16));
				i += 3;
				continue;
			}
			int end = i + Character.charCount(part.codePointAt(i));
			bytes.writeBytes(part.substring(i, end).getBytes(StandardCharsets.UTF_8));
			i = end;
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}

	private static int indexOfAny(String text, String characters, int from) {
		for (int i = from; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

	/** The printed form: the JDBC URL (secret parameters masked) and the user name. */
	@Override
	public String toString() {
		return "DatabaseUrl[" + maskSecretParameters(this.jdbcUrl) + ", user=" + this.username + "]";
	}

	static boolean isSet(String value) {
		return value != null && !value.isBlank() && !value.toLowerCase(Locale.ROOT).equals("none");
	}

}
