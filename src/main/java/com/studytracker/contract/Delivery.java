package com.studytracker.contract;

import java.util.List;

/**
 * One input record as delivered: where it came from and its exact bytes, kept so a
 * rejected record can be dead-lettered unchanged.
 */
public record Delivery(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
		List<Header> headers) {

	public record Header(String key, byte[] value) {
	}

	public String coordinates() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
