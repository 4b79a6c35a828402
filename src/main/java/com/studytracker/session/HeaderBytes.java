package com.studytracker.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.studytracker.contract.Delivery;

/**
 * A parked record's Kafka headers as one {@code bytea}, so its dead letter keeps them: a
 * count, then per header its key's length and UTF-8 bytes and its value's length (-1 for
 * null) and bytes. No headers is stored as null.
 */
final class HeaderBytes {

	private HeaderBytes() {
	}

	static byte[] write(List<Delivery.Header> headers) {
		if (headers.isEmpty()) {
			return null;
		}
		List<byte[]> keys = new ArrayList<>(headers.size());
		int size = Integer.BYTES;
		for (Delivery.Header header : headers) {
			byte[] key = header.key().getBytes(StandardCharsets.UTF_8);
			keys.add(key);
			size += 2 * Integer.BYTES + key.length + ((header.value() != null) ? header.value().length : 0);
		}
		ByteBuffer bytes = ByteBuffer.allocate(size).putInt(headers.size());
		for (int i = 0; i < headers.size(); i++) {
			byte[] value = headers.get(i).value();
			bytes.putInt(keys.get(i).length).put(keys.get(i));
			bytes.putInt((value != null) ? value.length : -1);
			if (value != null) {
				bytes.put(value);
			}
		}
		return bytes.array();
	}

	static List<Delivery.Header> read(byte[] stored) {
		if (stored == null) {
			return List.of();
		}
		ByteBuffer bytes = ByteBuffer.wrap(stored);
		int count = bytes.getInt();
		List<Delivery.Header> headers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			byte[] key = new byte[bytes.getInt()];
			bytes.get(key);
			int length = bytes.getInt();
			byte[] value = (length < 0) ? null : new byte[length];
			if (value != null) {
				bytes.get(value);
			}
			headers.add(new Delivery.Header(new String(key, StandardCharsets.UTF_8), value));
		}
		return headers;
	}

}
