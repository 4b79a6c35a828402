package com.studytracker.session;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.studytracker.contract.Delivery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A session whose topic was not known when it arrived. It waits here, durably, so its
 * offset can be committed; the original record is kept to dead-letter it unchanged if the
 * topic never comes.
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

	@Column(name = "occurred_at", nullable = false)
	private Instant occurredAt;

	@Column(name = "study_date", nullable = false)
	private LocalDate studyDate;

	@Column(name = "duration_minutes", nullable = false)
	private int durationMinutes;

	@Column(columnDefinition = "text")
	private String notes;

	@Column(name = "first_seen_at", nullable = false)
	private Instant firstSeenAt;

	@Column(name = "claimed_until")
	private Instant claimedUntil;

	@Column(name = "source_topic", nullable = false, columnDefinition = "text")
	private String sourceTopic;

	@Column(name = "source_partition", nullable = false)
	private int sourcePartition;

	@Column(name = "source_offset", nullable = false)
	private long sourceOffset;

	@Column(name = "source_timestamp", nullable = false)
	private long sourceTimestamp;

	@Column(name = "record_key")
	private byte[] recordKey;

	@Column(name = "record_value", nullable = false)
	private byte[] recordValue;

	@Transient
	private boolean isNew;

	protected PendingSession() {
	}

	private PendingSession(SessionLogged event, Delivery delivery, Instant now) {
		this.eventId = event.eventId();
		this.topicId = event.topicId();
		this.topicEventId = event.topicEventId();
		this.occurredAt = event.occurredAt().toInstant();
		this.studyDate = event.effectiveStudyDate();
		this.durationMinutes = event.durationMinutes();
		this.notes = event.notes();
		this.firstSeenAt = now.truncatedTo(ChronoUnit.MICROS);
		this.sourceTopic = delivery.topic();
		this.sourcePartition = delivery.partition();
		this.sourceOffset = delivery.offset();
		this.sourceTimestamp = delivery.timestamp();
		this.recordKey = delivery.key();
		this.recordValue = delivery.value();
		this.isNew = true;
	}

	static PendingSession waitingForTopic(SessionLogged event, Delivery delivery, Instant now) {
		return new PendingSession(event, delivery, now);
	}

	/** The event as it was parsed when it arrived (study date already defaulted). */
	SessionLogged event() {
		return new SessionLogged(this.eventId, this.occurredAt.atOffset(ZoneOffset.UTC), this.topicId,
				this.topicEventId, this.studyDate, this.durationMinutes, this.notes);
	}

	Delivery delivery() {
		return new Delivery(this.sourceTopic, this.sourcePartition, this.sourceOffset, this.sourceTimestamp,
				this.recordKey, this.recordValue, List.of());
	}

	boolean sameContentAs(SessionLogged event) {
		SessionLogged parked = event();
		return this.occurredAt.equals(event.occurredAt().toInstant())
				&& Objects.equals(parked.topicId(), event.topicId())
				&& Objects.equals(parked.topicEventId(), event.topicEventId())
				&& parked.studyDate().equals(event.effectiveStudyDate())
				&& parked.durationMinutes() == event.durationMinutes() && Objects.equals(parked.notes(), event.notes());
	}

	boolean hasWaitedLongerThan(Duration gracePeriod, Instant now) {
		return this.firstSeenAt.plus(gracePeriod).isBefore(now);
	}

	void claimUntil(Instant until) {
		this.claimedUntil = until;
	}

	void release() {
		this.claimedUntil = null;
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
