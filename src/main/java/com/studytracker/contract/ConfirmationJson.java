package com.studytracker.contract;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The one serialization of confirmations: what goes out on a confirmations stream and
 * what the status look-up answers are the same bytes. Also reads back a stored rejection
 * reason.
 */
@Component
public class ConfirmationJson {

	private final JsonMapper json = JsonMapper.builder().build();

	public byte[] write(Confirmation confirmation) {
		return this.json.writeValueAsBytes(confirmation);
	}

	/** A rejection reason as stored with the rejection (see {@link #readReason}). */
	public String writeReason(Rejection reason) {
		return this.json.writeValueAsString(reason);
	}

	public Rejection readReason(String reason) {
		return this.json.readValue(reason, Rejection.class);
	}

}
