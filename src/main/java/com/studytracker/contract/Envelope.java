package com.studytracker.contract;

import java.util.List;

/**
 * How an input record carries its event: plain v1 JSON, or a CloudEvent in Kafka binary
 * mode ({@code ce_*} headers, the event as the value) or structured mode (the whole
 * CloudEvent as the value). A confirmation goes out in its input's envelope.
 */
public enum Envelope {

	PLAIN, BINARY, STRUCTURED;

	/**
	 * The envelope the Kafka protocol binding implies: a {@code content-type} starting
	 * with {@code application/cloudevents} is structured, any {@code ce_} header binary,
	 * anything else plain. One pass over the headers, no value decoded unless it is a
	 * content type.
	 */
	public static Envelope of(List<Delivery.Header> headers) {
		Envelope envelope = PLAIN;
		for (Delivery.Header header : headers) {
			String key = header.key();
			if (key.startsWith(CloudEvents.HEADER_PREFIX)) {
				envelope = BINARY;
			}
			else if (key.equalsIgnoreCase(CloudEvents.CONTENT_TYPE)
					&& startsWithIgnoringCase(header.value(), CloudEvents.STRUCTURED_PREFIX)) {
				return STRUCTURED;
			}
		}
		return envelope;
	}

	private static boolean startsWithIgnoringCase(byte[] value, String prefix) {
		if (value == null || value.length < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (Character.toLowerCase((char) (value[i] & 0xFF)) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
