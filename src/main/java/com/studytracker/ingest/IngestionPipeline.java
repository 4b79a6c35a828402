package com.studytracker.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Decoded;
import com.studytracker.contract.Delivery;
import com.studytracker.contract.Event;
import com.studytracker.contract.EventReader;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.Rejection;
import com.studytracker.contract.Violation;
import com.studytracker.database.IndexScans;
import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one ingestion pipeline, for every event type: read every record (unreadable ones
 * are settled without touching the database) → let the type's rules decide the valid
 * events → store it all in one transaction, with the rejections' first times → one
 * outcome per record, in order. If the database refuses the batch because of one record's
 * data, the records are stored one by one so only that one is rejected.
 */
@Component
public class IngestionPipeline {

	private final EventReader reader;

	private final RejectionLog rejections;

	private final TransactionTemplate transaction;

	private final EntityManager entityManager;

	private final IndexScans indexScans;

	private final Clock clock;

	IngestionPipeline(EventReader reader, RejectionLog rejections, TransactionTemplate transaction,
			EntityManager entityManager, IndexScans indexScans, Clock clock) {
		this.reader = reader;
		this.rejections = rejections;
		this.transaction = transaction;
		this.entityManager = entityManager;
		this.indexScans = indexScans;
		this.clock = clock;
	}

	/**
	 * One outcome per delivery, in order. Database errors not caused by one record
	 * propagate (the batch is retried).
	 */
	public <E extends Event> List<Outcome> ingest(EventRules<E> rules, List<Delivery> deliveries) {
		List<Outcome> outcomes = new ArrayList<>(deliveries.size());
		List<Item<E>> readable = new ArrayList<>();
		for (Delivery delivery : deliveries) {
			Decoded<E> decoded = this.reader.read(rules.type(), delivery, rules.eventClass());
			if (decoded instanceof Decoded.Unreadable<E> unreadable) {
				outcomes.add(new Outcome.Unreadable(delivery, unreadable.problem()));
			}
			else {
				outcomes.add(null);
				readable.add(new Item<>(delivery, decoded));
			}
		}
		Iterator<Outcome> stored = BatchIsolation
			.store(readable, items -> store(rules, items), (item, refusal) -> unstorable(rules, item, refusal))
			.iterator();
		outcomes.replaceAll(outcome -> (outcome != null) ? outcome : stored.next());
		rules.committed(outcomes);
		return outcomes;
	}

	/** Stores the items in one transaction of its own: one outcome per item, in order. */
	private <E extends Event> List<Outcome> store(EventRules<E> rules, List<Item<E>> items) {
		return this.transaction.execute(status -> {
			this.indexScans.forThisTransaction();
			Instant now = this.clock.instant();
			List<EventRules.Received<E>> valid = items.stream()
				.filter(item -> item.event() != null)
				.map(item -> new EventRules.Received<>(item.delivery(), item.event()))
				.toList();
			Iterator<Decision> decided = rules.decide(valid, now).iterator();
			List<Decision> decisions = new ArrayList<>(items.size());
			Map<UUID, Rejection> rejected = new LinkedHashMap<>();
			for (Item<E> item : items) {
				Decision decision = (item.event() != null) ? decided.next()
						: new Decision.Reject(Rejection.invalid(item.violations()));
				if (decision instanceof Decision.Reject reject) {
					rejected.putIfAbsent(item.eventId(), reject.rejection());
				}
				decisions.add(decision);
			}
			Map<UUID, Instant> rejectedAt = this.rejections.record(rules.type(), rejected, now);
			this.entityManager.flush();
			List<Outcome> outcomes = new ArrayList<>(items.size());
			for (int i = 0; i < items.size(); i++) {
				outcomes.add(outcome(items.get(i), decisions.get(i), rejectedAt));
			}
			return outcomes;
		});
	}

	private static Outcome outcome(Item<?> item, Decision decision, Map<UUID, Instant> rejectedAt) {
		if (decision instanceof Decision.Accept accept) {
			return new Outcome.Accepted(item.delivery(), accept.confirmation());
		}
		if (decision instanceof Decision.Reject reject) {
			return new Outcome.Rejected(item.delivery(),
					Confirmation.rejected(item.eventId(), reject.rejection(), rejectedAt.get(item.eventId())));
		}
		return new Outcome.Deferred(item.delivery());
	}

	private <E extends Event> Outcome unstorable(EventRules<E> rules, Item<E> item, String refusal) {
		Rejection rejection = Rejection
			.invalid(List.of(new Violation("", "the database cannot store this event (" + refusal + ")")));
		Map<UUID, Instant> rejectedAt = this.transaction.execute(status -> this.rejections.record(rules.type(),
				Map.of(item.eventId(), rejection), this.clock.instant()));
		return outcome(item, new Decision.Reject(rejection), rejectedAt);
	}

	/**
	 * A record whose value could be read: a valid event or an invalid one with its
	 * violations.
	 */
	record Item<E extends Event>(Delivery delivery, Decoded<E> decoded) {

		/** The event, or null if it broke its schema. */
		E event() {
			return (this.decoded instanceof Decoded.Valid<E> valid) ? valid.event() : null;
		}

		UUID eventId() {
			return (this.decoded instanceof Decoded.Invalid<E> invalid) ? invalid.eventId() : event().eventId();
		}

		List<Violation> violations() {
			return (this.decoded instanceof Decoded.Invalid<E> invalid) ? invalid.violations() : List.of();
		}

	}

}
