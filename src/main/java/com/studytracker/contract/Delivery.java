package com.studytracker.contract;

import java.util.List;

/**
 * One input record as delivered: where it came from (its stream, i.e. Kafka topic) and
 * its exact bytes, kept so a rejected record can be dead-lettered unchanged.
 */
public record Delivery(String stream, int partition, long offset, long timestamp, byte[] key, byte[] value,
		List<Header> headers) {

	public record Header(String key, byte[] value) {
	}

	public String coordinates() {
		return this.stream + "-" + this.partition + "@" + this.offset;
	}

}
