package com.studytracker.session;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.Envelope;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

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

	// Its confirmation goes out in the same envelope when the session is settled.
	@Enumerated(EnumType.STRING)
	@Column(name = "envelope", nullable = false, columnDefinition = "text")
	private Envelope envelope;

	protected ParkedRecord() {
	}

	private ParkedRecord(String stream, int partition, long offset, long timestamp, Envelope envelope) {
		this.stream = stream;
		this.partition = partition;
		this.offset = offset;
		this.timestamp = timestamp;
		this.envelope = envelope;
	}

	static ParkedRecord of(Delivery delivery) {
		return new ParkedRecord(delivery.stream(), delivery.partition(), delivery.offset(), delivery.timestamp(),
				delivery.envelope());
	}

	/** Whether this delivery is that very record (a redelivery), not another copy. */
	boolean isFrom(Delivery delivery) {
		return this.stream.equals(delivery.stream()) && this.partition == delivery.partition()
				&& this.offset == delivery.offset();
	}

	/**
	 * The original record in its envelope, with its bytes and headers where they were
	 * loaded (they are not needed to confirm it).
	 */
	Delivery delivery(byte[] key, byte[] value, byte[] headers) {
		return new Delivery(this.stream, this.partition, this.offset, this.timestamp, key, value,
				HeaderBytes.read(headers), this.envelope);
	}

}
