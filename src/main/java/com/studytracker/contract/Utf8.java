package com.studytracker.contract;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, nothing beyond U+10FFFF. Jackson's decoder
 * accepts both (an overlong {@code C0 AF} would read as {@code /}). Three-byte encodings
 * of surrogates are let through here on purpose: they decode to surrogate characters,
 * which the schemas reject with a pointer, as they do an escaped {@code \ud800}.
 */
final class Utf8 {

	private Utf8() {
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
