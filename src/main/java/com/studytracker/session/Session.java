package com.studytracker.session;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

@Entity
@Table(name = "sessions")
class Session {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sessions_id")
	// Pooled blocks of 50 ids (the sequence's increment) so inserts can be batched.
	@SequenceGenerator(name = "sessions_id", sequenceName = "sessions_id_seq", allocationSize = 50)
	private Integer id;

	// A plain column, not an association: ingestion never needs the topic entity, only
	// its id.
	@Column(name = "topic_id", nullable = false, updatable = false)
	private Integer topicId;

	@Column(name = "event_id", nullable = false, updatable = false)
	private UUID eventId;

	@Column(name = "occurred_at", nullable = false, updatable = false)
	private Instant occurredAt;

	@Column(name = "study_date", nullable = false, updatable = false)
	private LocalDate studyDate;

	@Column(name = "duration_minutes", nullable = false, updatable = false)
	private int durationMinutes;

	@Column(columnDefinition = "text", updatable = false)
	private String notes;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected Session() {
	}

	private Session(SessionLogged event, int topicId, Instant now) {
		this.topicId = topicId;
		this.eventId = event.eventId();
		this.occurredAt = event.occurredAt().toInstant();
		this.studyDate = event.effectiveStudyDate();
		this.durationMinutes = event.durationMinutes();
		this.notes = event.notes();
		// PostgreSQL keeps microseconds: what we confirm now must equal what a replay
		// reads back.
		this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
	}

	static Session of(SessionLogged event, int topicId, Instant now) {
		return new Session(event, topicId, now);
	}

	/**
	 * Contract fields in which the event differs from the one that logged this session.
	 */
	List<String> differencesFrom(SessionLogged event, Integer resolvedTopicId) {
		List<String> differences = new ArrayList<>();
		if (!this.occurredAt.equals(event.occurredAt().toInstant())) {
			differences.add("occurredAt");
		}
		if (!this.topicId.equals(resolvedTopicId)) {
			differences.add("topic");
		}
		if (!this.studyDate.equals(event.effectiveStudyDate())) {
			differences.add("studyDate");
		}
		if (this.durationMinutes != event.durationMinutes()) {
			differences.add("durationMinutes");
		}
		if (!Objects.equals(this.notes, event.notes())) {
			differences.add("notes");
		}
		return differences;
	}

	Integer id() {
		return this.id;
	}

	Integer topicId() {
		return this.topicId;
	}

	UUID eventId() {
		return this.eventId;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
