package com.studytracker.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
	// Pooled blocks of 50 ids (the sequence's increment), as UnnestInsert allocates them.
	@SequenceGenerator(name = "sessions_id", sequenceName = "sessions_id_seq", allocationSize = 50)
	private Integer id;

	// A plain column, not an association: ingestion never needs the topic entity, only
	// its id.
	@Column(name = "topic_id", nullable = false, updatable = false)
	private Integer topicId;

	@Column(name = "event_id", nullable = false, updatable = false)
	private UUID eventId;

	@Embedded
	private SessionContent content;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected Session() {
	}

	private Session(Integer id, SessionLogged event, int topicId, Instant now) {
		this.id = id;
		this.topicId = topicId;
		this.eventId = event.eventId();
		this.content = SessionContent.of(event);
		// PostgreSQL keeps microseconds: what we confirm now must equal what a replay
		// reads back.
		this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A session as {@link SessionRows} just inserted it, with the id the database gave
	 * it.
	 */
	static Session inserted(int id, SessionLogged event, int topicId, Instant now) {
		return new Session(id, event, topicId, now);
	}

	/**
	 * Contract fields in which the event differs from the one that logged this session.
	 */
	List<String> differencesFrom(SessionLogged event, Integer resolvedTopicId) {
		List<String> differences = new ArrayList<>(this.content.differencesFrom(event));
		if (!this.topicId.equals(resolvedTopicId)) {
			differences.add("topic");
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
