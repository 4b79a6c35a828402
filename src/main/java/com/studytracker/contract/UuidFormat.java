package com.studytracker.contract;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;

/**
 * JSON Schema's {@code uuid} format (RFC 4122 textual form, any case), checked by hand:
 * the validator's regex version was the largest single cost of validation in the
 * benchmark profile.
 */
final class UuidFormat implements Format {

	private static final int[] HYPHENS = { 8, 13, 18, 23 };

	@Override
	public String getName() {
		return "uuid";
	}

	@Override
	public boolean matches(ExecutionContext executionContext, String value) {
		return isUuid(value);
	}

	static boolean isUuid(String value) {
		if (value.length() != 36) {
			return false;
		}
		int nextHyphen = 0;
		for (int i = 0; i < 36; i++) {
			char c = value.charAt(i);
			if (nextHyphen < HYPHENS.length && i == HYPHENS[nextHyphen]) {
				if (c != '-') {
					return false;
				}
				nextHyphen++;
			}
			else if (Character.digit(c, 16) < 0 || c > 'f') {
				return false;
			}
		}
		return true;
	}

}
