package com.studytracker.contract;

import java.util.List;

/**
 * Publishes the confirmations and dead letters of a batch and returns only once the
 * broker has acknowledged all of them; throws if it did not, so the batch is retried
 * rather than lost.
 */
public interface OutcomePublisher {

	void publish(EventType type, List<Outcome> outcomes);

}
