package com.studytracker.contract;

import java.util.List;

/**
 * One input record as delivered: where it came from (its stream, i.e. Kafka topic), its
 * exact bytes and headers, kept so a rejected record can be dead-lettered unchanged, and
 * its envelope, so its confirmation goes out in the same one.
 */
public record Delivery(String stream, int partition, long offset, long timestamp, byte[] key, byte[] value,
		List<Header> headers, Envelope envelope) {

	/** A record as read from Kafka: its envelope follows from its headers. */
	public Delivery(String stream, int partition, long offset, long timestamp, byte[] key, byte[] value,
			List<Header> headers) {
		this(stream, partition, offset, timestamp, key, value, headers, Envelope.of(headers));
	}

	public record Header(String key, byte[] value) {
	}

	public String coordinates() {
		return this.stream + "-" + this.partition + "@" + this.offset;
	}

}
