package com.studytracker.topic;

import java.time.Instant;
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
@Table(name = "topics")
class Topic {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "topics_id")
	// Pooled blocks of 50 ids (the sequence's increment), as UnnestInsert allocates them.
	@SequenceGenerator(name = "topics_id", sequenceName = "topics_id_seq", allocationSize = 50)
	private Integer id;

	@Column(name = "event_id", nullable = false, updatable = false)
	private UUID eventId;

	@Column(name = "occurred_at", nullable = false, updatable = false)
	private Instant occurredAt;

	// At most 200 characters after trimming (a check constraint); stored exactly as sent.
	@Column(nullable = false, columnDefinition = "text", updatable = false)
	private String name;

	@Column(columnDefinition = "text", updatable = false)
	private String description;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected Topic() {
	}

	private Topic(Integer id, TopicCreated event, Instant now) {
		this.id = id;
		this.eventId = event.eventId();
		this.occurredAt = event.occurredAt().toInstant();
		this.name = event.name();
		this.description = event.description();
		// PostgreSQL keeps microseconds: what we confirm now must equal what a replay
		// reads back.
		this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A topic as {@link TopicRows} just inserted it, with the id the database gave it.
	 */
	static Topic inserted(int id, TopicCreated event, Instant now) {
		return new Topic(id, event, now);
	}

	/**
	 * The contract fields in which the event differs from the one that created this
	 * topic; compared after parsing, so key order, whitespace and unknown fields do not
	 * matter.
	 */
	List<String> differencesFrom(TopicCreated event) {
		List<String> differences = new ArrayList<>();
		if (!this.occurredAt.equals(event.occurredAt().toInstant())) {
			differences.add("occurredAt");
		}
		if (!this.name.equals(event.name())) {
			differences.add("name");
		}
		if (!Objects.equals(this.description, event.description())) {
			differences.add("description");
		}
		return differences;
	}

	Integer id() {
		return this.id;
	}

	UUID eventId() {
		return this.eventId;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
