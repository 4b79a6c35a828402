package com.studytracker.database;

import java.util.Locale;
import java.util.Set;

/**
 * Masks what must not be printed from a database URL: the user information and secret
 * query parameters. Works on text that may not parse, since error messages quote it.
 */
final class UrlRedaction {

	/** Query parameters whose value is a secret (pgjdbc's and libpq's names). */
	private static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");

	private UrlRedaction() {
	}

	/**
	 * Everything up to the last {@code @} masked (or, without an {@code @}, a host part
	 * that is not a host list), and secret parameters.
	 */
	static String unparsable(String url) {
		int start = url.indexOf("://");
		start = (start < 0) ? 0 : start + 3;
		int at = url.lastIndexOf('@');
		String head = url.substring(0, start);
		if (at >= start) {
			return head + "***@" + secretParameters(url.substring(at + 1));
		}
		// No @: a host part that is not a host list may be "user:password" missing its @.
		int hostsEnd = HostList.end(url, start);
		String hosts = url.substring(start, hostsEnd);
		return head + (HostList.matches(hosts) ? hosts : "***") + secretParameters(url.substring(hostsEnd));
	}

	static String secretParameters(String url) {
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
			masked.append(SECRET_PARAMETERS.contains(PercentDecoding.decode(key).toLowerCase(Locale.ROOT))
					? key + "=***" : parameters[i]);
		}
		return masked.toString();
	}

}
