package com.studytracker.database;

import java.util.regex.Pattern;

/**
 * The host part of a PostgreSQL URL: one host or a comma-separated list, each a name or a
 * bracketed IPv6 literal with an optional port. Kept apart so the user-information rule
 * and the redaction can ask "is this a well-formed host list?" the same way.
 */
final class HostList {

	private static final String HOST = "(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~-]+)(?::\\d{1,5})?";

	private static final Pattern PATTERN = Pattern.compile(HOST + "(?:," + HOST + ")*");

	private HostList() {
	}

	static boolean matches(String hosts) {
		return PATTERN.matcher(hosts).matches();
	}

	/**
	 * Where a host list starting at {@code from} ends: the next {@code /} or {@code ?}.
	 */
	static int end(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			if (text.charAt(i) == '/' || text.charAt(i) == '?') {
				return i;
			}
		}
		return text.length();
	}

	/** Throws, naming the first problem found, unless {@code hosts} is a host list. */
	static void check(String hosts, String url) {
		if (matches(hosts)) {
			return;
		}
		for (String host : hosts.split(",", -1)) {
			String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceAll(":.*", "");
			if (name.isEmpty()) {
				throw new InvalidDatabaseUrlException("no host name in '" + UrlRedaction.unparsable(url) + "'");
			}
			String port = host.substring(name.length());
			if (!port.isEmpty() && !port.matches(":\\d{1,5}")) {
				throw new InvalidDatabaseUrlException(
						"the port must be a number in '" + UrlRedaction.unparsable(url) + "'");
			}
		}
		throw new InvalidDatabaseUrlException("bad host name or IPv6 address (write it as [::1]) in '"
				+ UrlRedaction.unparsable(url) + "'; percent-encode special characters in the password");
	}

}
