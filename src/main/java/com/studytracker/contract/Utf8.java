package com.studytracker.contract;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no encoded surrogates (CESU-8), nothing
 * beyond U+10FFFF. Jackson's decoder accepts overlong forms (a {@code C0 AF} would read
 * as {@code /}). An escaped {@code \ud800}, by contrast, is valid JSON text: the schemas
 * reject it with a pointer.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * Why the value is not UTF-8 JSON, or null. Jackson would detect and decode UTF-16/32
	 * and skip a byte-order mark; the contract says UTF-8 without one. JSON text starts
	 * with ASCII, so UTF-16/32 shows as a zero byte among the first four.
	 */
	static String problem(byte[] value) {
		if (value.length >= 3 && (value[0] & 0xFF) == 0xEF && (value[1] & 0xFF) == 0xBB && (value[2] & 0xFF) == 0xBF) {
			return "not UTF-8 JSON: starts with a byte-order mark";
		}
		for (int i = 0; i < Math.min(4, value.length); i++) {
			if (value[i] == 0) {
				return "not UTF-8 JSON: looks like UTF-16 or UTF-32";
			}
		}
		int invalid = firstInvalidByte(value);
		return (invalid < 0) ? null : "not valid UTF-8: malformed byte sequence at byte " + invalid;
	}

	/** The index of the first byte that is not strict UTF-8, or -1. */
	static int firstInvalidByte(byte[] bytes) {
		int i = 0;
		while (i < bytes.length) {
			int lead = bytes[i] & 0xFF;
			if (lead < 0x80) {
				i++;
				continue;
			}
			int length;
			int min;
			int max = 0xBF;
			if (lead >= 0xC2 && lead <= 0xDF) {
				length = 2;
				min = 0x80;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				length = 3;
				min = (lead == 0xE0) ? 0xA0 : 0x80;
				// ED A0..BF would encode a surrogate.
				max = (lead == 0xED) ? 0x9F : 0xBF;
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				length = 4;
				min = (lead == 0xF0) ? 0x90 : 0x80;
				max = (lead == 0xF4) ? 0x8F : 0xBF;
			}
			else {
				return i;
			}
			if (i + length > bytes.length) {
				return i;
			}
			int second = bytes[i + 1] & 0xFF;
			if (second < min || second > max) {
				return i;
			}
			for (int k = 2; k < length; k++) {
				if ((bytes[i + k] & 0xC0) != 0x80) {
					return i;
				}
			}
			i += length;
		}
		return -1;
	}

}
