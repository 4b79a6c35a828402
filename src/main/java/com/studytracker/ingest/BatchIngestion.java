package com.studytracker.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Decoded;
import com.studytracker.contract.Delivery;
import com.studytracker.contract.Event;
import com.studytracker.contract.EventReader;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.Rejection;
import com.studytracker.contract.Violation;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shape every event type's ingestion shares: read every record first (unreadable ones
 * are settled without touching the database), store the rest as one batch, and if the
 * database refuses one record's data, isolate it instead of failing its neighbours.
 *
 * @param <E> the event record
 */
public abstract class BatchIngestion<E extends Event> {

	private final EventType type;

	private final Class<E> eventClass;

	private final EventReader reader;

	private final RejectionLog rejections;

	protected final TransactionTemplate transaction;

	protected final Clock clock;

	protected BatchIngestion(EventType type, Class<E> eventClass, Dependencies dependencies) {
		this.type = type;
		this.eventClass = eventClass;
		this.reader = dependencies.reader();
		this.rejections = dependencies.rejections();
		this.transaction = dependencies.transaction();
		this.clock = dependencies.clock();
	}

	/**
	 * One outcome per delivery, in order. Database errors not caused by one record
	 * propagate.
	 */
	public List<Outcome> ingest(List<Delivery> deliveries) {
		List<Outcome> outcomes = new ArrayList<>(deliveries.size());
		List<Item<E>> readable = new ArrayList<>();
		for (Delivery delivery : deliveries) {
			Decoded<E> decoded = this.reader.read(this.type, delivery.value(), this.eventClass);
			if (decoded instanceof Decoded.Unreadable<E> unreadable) {
				outcomes.add(new Outcome.Unreadable(delivery, unreadable.problem()));
			}
			else {
				outcomes.add(null);
				readable.add(new Item<>(delivery, decoded));
			}
		}
		List<Outcome> stored = BatchIsolation.store(readable, this::store, this::unstorable);
		int next = 0;
		for (int i = 0; i < outcomes.size(); i++) {
			if (outcomes.get(i) == null) {
				outcomes.set(i, stored.get(next++));
			}
		}
		return outcomes;
	}

	/**
	 * Stores the items in one transaction of its own and returns one outcome per item, in
	 * order. Must be idempotent: a batch may be stored again after a failure or a
	 * redelivery.
	 */
	protected abstract List<Outcome> store(List<Item<E>> items);

	/**
	 * Records rejections in the caller's transaction; returns each event's first
	 * rejection time.
	 */
	protected Map<UUID, Instant> recordRejections(Collection<UUID> eventIds, Instant now) {
		return this.rejections.record(this.type, eventIds, now);
	}

	protected static Outcome rejected(Delivery delivery, UUID eventId, Rejection rejection,
			Map<UUID, Instant> rejectedAt) {
		return new Outcome.Rejected(delivery, Confirmation.rejected(eventId, rejection, rejectedAt.get(eventId)));
	}

	private Outcome unstorable(Item<E> item, String refusal) {
		UUID eventId = item.eventId();
		Rejection rejection = Rejection
			.invalid(List.of(new Violation("", "the database cannot store this event (" + refusal + ")")));
		Map<UUID, Instant> rejectedAt = this.transaction
			.execute(status -> recordRejections(List.of(eventId), this.clock.instant()));
		return rejected(item.delivery(), eventId, rejection, rejectedAt);
	}

	/**
	 * A record whose value could be read: a valid event or an invalid one with its
	 * violations.
	 */
	public record Item<E extends Event>(Delivery delivery, Decoded<E> decoded) {

		/** The event, or null if it broke its schema. */
		public E event() {
			return (this.decoded instanceof Decoded.Valid<E> valid) ? valid.event() : null;
		}

		public UUID eventId() {
			return (this.decoded instanceof Decoded.Invalid<E> invalid) ? invalid.eventId() : event().eventId();
		}

		public List<Violation> violations() {
			return (this.decoded instanceof Decoded.Invalid<E> invalid) ? invalid.violations() : List.of();
		}

	}

	/** The collaborators every ingestion needs, bundled to keep constructors short. */
	public record Dependencies(EventReader reader, RejectionLog rejections, TransactionTemplate transaction,
			Clock clock) {
	}

}
