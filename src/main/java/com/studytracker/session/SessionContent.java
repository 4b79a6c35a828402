package com.studytracker.session;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What a logged session says, apart from its topic: the one home of these columns for
 * stored and parked sessions alike, and the one place that compares them with a re-sent
 * event.
 */
@Embeddable
class SessionContent {

	@Column(name = "occurred_at", nullable = false, updatable = false)
	private Instant occurredAt;

	@Column(name = "study_date", nullable = false, updatable = false)
	private LocalDate studyDate;

	@Column(name = "duration_minutes", nullable = false, updatable = false)
	private int durationMinutes;

	@Column(columnDefinition = "text", updatable = false)
	private String notes;

	protected SessionContent() {
	}

	SessionContent(Instant occurredAt, LocalDate studyDate, int durationMinutes, String notes) {
		this.occurredAt = occurredAt;
		this.studyDate = studyDate;
		this.durationMinutes = durationMinutes;
		this.notes = notes;
	}

	static SessionContent of(SessionLogged event) {
		return new SessionContent(event.occurredAt().toInstant(), event.effectiveStudyDate(), event.durationMinutes(),
				event.notes());
	}

	/**
	 * Contract fields in which the event differs; compared after parsing, so key order,
	 * whitespace and unknown fields do not matter.
	 */
	List<String> differencesFrom(SessionLogged event) {
		List<String> differences = new ArrayList<>();
		if (!this.occurredAt.equals(event.occurredAt().toInstant())) {
			differences.add("occurredAt");
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

	/** The event as it was parsed when it arrived (study date already defaulted). */
	SessionLogged asEvent(UUID eventId, Integer topicId, UUID topicEventId) {
		return new SessionLogged(eventId, this.occurredAt.atOffset(ZoneOffset.UTC), topicId, topicEventId,
				this.studyDate, this.durationMinutes, this.notes);
	}

}
