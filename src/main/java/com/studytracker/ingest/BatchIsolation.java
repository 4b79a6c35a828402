package com.studytracker.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.studytracker.contract.Outcome;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a batch in one transaction; if the database refuses it because of one record's
 * data, stores the records one by one so only the culprit is rejected. Errors about the
 * database itself propagate (the whole batch is retried with backoff).
 */
public final class BatchIsolation {

	private static final Logger log = LoggerFactory.getLogger(BatchIsolation.class);

	private BatchIsolation() {
	}

	/**
	 * @param items the batch, in order
	 * @param store stores some items in one transaction, returning one outcome per item
	 * in order
	 * @param unstorable the outcome for an item the database refuses on its own, given
	 * what the database said (SQLSTATE and constraint, no content)
	 */
	public static <T> List<Outcome> store(List<T> items, Function<List<T>, List<Outcome>> store,
			BiFunction<T, String, Outcome> unstorable) {
		if (items.isEmpty()) {
			return List.of();
		}
		try {
			return store.apply(items);
		}
		catch (RuntimeException ex) {
			if (!DataFaults.isAboutTheData(ex)) {
				throw ex;
			}
			log.info("Batch of {} refused by the database ({}); storing its records one by one", items.size(),
					DataFaults.describe(ex));
		}
		List<Outcome> outcomes = new ArrayList<>(items.size());
		for (T item : items) {
			outcomes.add(storeAlone(item, store, unstorable));
		}
		return outcomes;
	}

	private static <T> Outcome storeAlone(T item, Function<List<T>, List<Outcome>> store,
			BiFunction<T, String, Outcome> unstorable) {
		for (int attempt = 1;; attempt++) {
			try {
				return store.apply(List.of(item)).get(0);
			}
			catch (RuntimeException ex) {
				if (!DataFaults.isAboutTheData(ex)) {
					throw ex;
				}
				// A unique violation means another instance stored the same event
				// meanwhile: the next
				// attempt finds it and confirms it.
				if (DataFaults.isUniqueViolation(ex) && attempt < 3) {
					continue;
				}
				String refusal = DataFaults.describe(ex);
				log.warn("Record refused by the database, rejecting it: {}", refusal);
				return unstorable.apply(item, refusal);
			}
		}
	}

}
