package com.studytracker.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.contract.CloudEvents;
import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Envelope;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A confirmation in its input's envelope. Plain: the confirmation JSON. Binary:
 * {@code ce_*} headers and the same JSON as the value. Structured: a CloudEvent JSON
 * object whose {@code data} is that JSON, written around its bytes (not re-serialized).
 * Every attribute is a pure function of the confirmation, so a re-sent one is
 * byte-identical: {@code id} is a name-based UUID (version 5) of the confirmation JSON,
 * {@code subject} the input's eventId, {@code time} its processedAt.
 */
@Component
class CloudEventConfirmations {

	/** The namespace of confirmation ids (a version 4 UUID chosen once for this). */
	static final UUID NAMESPACE = UUID.fromString("5b0f3f4e-7a1c-4c8e-9d2b-3e6f1a2c4d5e");

	private final String source;

	/** {@code ,"source":"…"} with the source escaped once, not per confirmation. */
	private final String sourceMember;

	CloudEventConfirmations(StudyTrackerProperties properties) {
		this.source = properties.cloudEvents().source();
		this.sourceMember = ",\"source\":" + JsonMapper.builder().build().writeValueAsString(this.source);
	}

	/**
	 * The record value for this envelope, adding the CloudEvents headers to
	 * {@code headers}.
	 */
	byte[] value(Confirmation confirmation, byte[] json, Envelope envelope, Headers headers) {
		if (envelope == Envelope.PLAIN) {
			return json;
		}
		String id = id(json).toString();
		String subject = confirmation.eventId().toString();
		if (envelope == Envelope.BINARY) {
			headers.add(CloudEvents.SPECVERSION, ascii(CloudEvents.SPEC_VERSION));
			headers.add(CloudEvents.ID, ascii(id));
			headers.add(CloudEvents.SOURCE, this.source.getBytes(StandardCharsets.UTF_8));
			headers.add(CloudEvents.TYPE, ascii(CloudEvents.CONFIRMATION_TYPE));
			headers.add(CloudEvents.SUBJECT, ascii(subject));
			headers.add(CloudEvents.TIME, ascii(confirmation.processedAt()));
			headers.add(CloudEvents.CONTENT_TYPE, ascii(CloudEvents.JSON));
			return json;
		}
		headers.add(CloudEvents.CONTENT_TYPE, ascii(CloudEvents.STRUCTURED_JSON));
		// Every part but source is ASCII without characters JSON must escape (UUIDs, an
		// RFC 3339 time, fixed names); source was escaped once.
		String head = "{\"specversion\":\"" + CloudEvents.SPEC_VERSION + "\",\"id\":\"" + id + "\"" + this.sourceMember
				+ ",\"type\":\"" + CloudEvents.CONFIRMATION_TYPE + "\",\"subject\":\"" + subject + "\",\"time\":\""
				+ confirmation.processedAt() + "\",\"datacontenttype\":\"" + CloudEvents.JSON + "\",\"data\":";
		byte[] prefix = head.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(prefix.length + json.length + 1).put(prefix).put(json).put((byte) '}').array();
	}

	/** RFC 9562 name-based UUID, version 5 (SHA-1), of the confirmation JSON. */
	static UUID id(byte[] name) {
		MessageDigest sha1;
		try {
			sha1 = MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
		}
		sha1.update(ByteBuffer.allocate(16)
			.putLong(NAMESPACE.getMostSignificantBits())
			.putLong(NAMESPACE.getLeastSignificantBits())
			.array());
		byte[] hash = sha1.digest(name);
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
		return new UUID(bytes.getLong(), bytes.getLong());
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
