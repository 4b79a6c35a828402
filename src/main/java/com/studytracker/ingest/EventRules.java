package com.studytracker.ingest;

import java.time.Instant;
import java.util.List;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.Event;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;

/**
 * What one event type plugs into the {@link IngestionPipeline}: how a batch of its valid
 * events is decided and stored. Everything else (reading, invalid events, rejection
 * times, isolating what the database refuses) is the pipeline's.
 *
 * @param <E> the event record
 */
public interface EventRules<E extends Event> {

	EventType type();

	Class<E> eventClass();

	/**
	 * Decides every event, storing new rows, inside the pipeline's transaction; one
	 * decision per event, in order. Must be idempotent: a batch may be decided again
	 * after a failure or a redelivery.
	 */
	List<Decision> decide(List<Received<E>> events, Instant now);

	/** Called once the batch is committed, with its outcomes. */
	default void committed(List<Outcome> outcomes) {
	}

	/** A valid event and the record it came in. */
	record Received<E>(Delivery delivery, E event) {
	}

}
