package com.studytracker.database;

/**
 * The {@code user:password} part of a URL, percent-decoded; both null when the URL has
 * none, the password null when only a user is given.
 */
record UserInfo(String username, String password) {

	static final UserInfo NONE = new UserInfo(null, null);

	/**
	 * The user name runs to the first {@code :}; the rest, raw colons included, is the
	 * password.
	 */
	static UserInfo parse(String userInfo) {
		if (userInfo == null || userInfo.isEmpty()) {
			return NONE;
		}
		int colon = userInfo.indexOf(':');
		String username = PercentDecoding.decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
		String password = (colon < 0) ? null : PercentDecoding.decode(userInfo.substring(colon + 1));
		return new UserInfo(username, password);
	}

	/**
	 * Where the user information ends in what follows the scheme: the last {@code @}
	 * followed by a well-formed host list and {@code /}, with no {@code /} in the user
	 * name (SQLAlchemy's rule). If no {@code @} qualifies, libpq's rule decides (an
	 * {@code @} before the first {@code /}), so that the error names the actual problem.
	 * -1: no user information.
	 */
	static int end(String rest) {
		for (int at = rest.lastIndexOf('@'); at >= 0; at = rest.lastIndexOf('@', at - 1)) {
			int hostsEnd = HostList.end(rest, at + 1);
			int colon = rest.indexOf(':');
			String user = rest.substring(0, (colon >= 0 && colon < at) ? colon : at);
			if (hostsEnd < rest.length() && rest.charAt(hostsEnd) == '/' && user.indexOf('/') < 0
					&& HostList.matches(rest.substring(at + 1, hostsEnd))) {
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

}
