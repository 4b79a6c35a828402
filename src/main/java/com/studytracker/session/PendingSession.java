package com.studytracker.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.studytracker.contract.Delivery;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A session whose topic was not stored when it arrived, parked durably so its offset can
 * be committed. Written through JPA, read back as a {@link ParkedSession} without the
 * record bytes, which are loaded only to dead-letter an expired one.
 */
@Entity
@Table(name = "pending_sessions")
class PendingSession implements Persistable<UUID> {

	@Id
	@Column(name = "event_id")
	private UUID eventId;

	@Column(name = "topic_id")
	private Integer topicId;

	@Column(name = "topic_event_id")
	private UUID topicEventId;

	@Embedded
	private SessionContent content;

	@Column(name = "first_seen_at", nullable = false)
	private Instant firstSeenAt;

	@Column(name = "claimed_until")
	private Instant claimedUntil;

	// Set in the transaction that decides the rejection: once set, the decision is final.
	@Column(name = "rejected_at")
	private Instant rejectedAt;

	@Embedded
	private ParkedRecord record;

	@Column(name = "record_key")
	private byte[] recordKey;

	@Column(name = "record_value", nullable = false)
	private byte[] recordValue;

	@Column(name = "record_headers")
	private byte[] recordHeaders;

	@Transient
	private boolean isNew;

	protected PendingSession() {
	}

	private PendingSession(SessionLogged event, Delivery delivery, Instant now) {
		this.eventId = event.eventId();
		this.topicId = event.topicId();
		this.topicEventId = event.topicEventId();
		this.content = SessionContent.of(event);
		this.firstSeenAt = now.truncatedTo(ChronoUnit.MICROS);
		this.record = ParkedRecord.of(delivery);
		this.recordKey = delivery.key();
		this.recordValue = delivery.value();
		this.recordHeaders = HeaderBytes.write(delivery.headers());
		this.isNew = true;
	}

	static PendingSession waitingForTopic(SessionLogged event, Delivery delivery, Instant now) {
		return new PendingSession(event, delivery, now);
	}

	ParkedSession parked() {
		return new ParkedSession(this.eventId, this.topicId, this.topicEventId, this.content, this.firstSeenAt,
				this.rejectedAt, this.record);
	}

	@Override
	public UUID getId() {
		return this.eventId;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

}
