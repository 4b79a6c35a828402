package com.studytracker.session;

import java.util.List;

import com.studytracker.contract.Delivery;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Where a parked session's Kafka record came from; with the record's bytes (kept beside
 * it) it becomes the delivery that is dead-lettered if the session expires.
 */
@Embeddable
class ParkedRecord {

	@Column(name = "source_topic", nullable = false, columnDefinition = "text")
	private String stream;

	@Column(name = "source_partition", nullable = false)
	private int partition;

	@Column(name = "source_offset", nullable = false)
	private long offset;

	@Column(name = "source_timestamp", nullable = false)
	private long timestamp;

	protected ParkedRecord() {
	}

	private ParkedRecord(String stream, int partition, long offset, long timestamp) {
		this.stream = stream;
		this.partition = partition;
		this.offset = offset;
		this.timestamp = timestamp;
	}

	static ParkedRecord of(Delivery delivery) {
		return new ParkedRecord(delivery.stream(), delivery.partition(), delivery.offset(), delivery.timestamp());
	}

	/** Whether this delivery is that very record (a redelivery), not another copy. */
	boolean isFrom(Delivery delivery) {
		return this.stream.equals(delivery.stream()) && this.partition == delivery.partition()
				&& this.offset == delivery.offset();
	}

	/** The original record (headers are not kept). */
	Delivery delivery(byte[] key, byte[] value) {
		return new Delivery(this.stream, this.partition, this.offset, this.timestamp, key, value, List.of());
	}

}
