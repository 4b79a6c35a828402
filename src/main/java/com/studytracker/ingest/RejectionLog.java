package com.studytracker.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.contract.ConfirmationJson;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Rejection;
import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers when each event was first rejected and what that rejection said. The instant
 * is the rejection's {@code processedAt}, so a redelivered rejected event is confirmed
 * with exactly the same bytes; the reason lets the status look-up answer with that
 * confirmation.
 */
@Component
public class RejectionLog {

	private final EntityManager entityManager;

	private final ConfirmationJson json;

	RejectionLog(EntityManager entityManager, ConfirmationJson json) {
		this.entityManager = entityManager;
		this.json = json;
	}

	/**
	 * Records the rejections (keeping the first time and reason of any earlier one) and
	 * returns, per eventId, the time of its first rejection. Runs in the caller's
	 * transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<UUID, Instant> record(EventType type, Map<UUID, Rejection> reasons, Instant now) {
		Map<UUID, Instant> firstRejected = new HashMap<>();
		if (reasons.isEmpty()) {
			return firstRejected;
		}
		reasons.forEach((eventId, reason) -> this.entityManager
			.createNativeQuery("insert into rejected_events (event_type, event_id, rejected_at, reason) "
					+ "values (?1, ?2, ?3, ?4) on conflict (event_type, event_id) do nothing")
			.setParameter(1, type.name())
			.setParameter(2, eventId)
			.setParameter(3, now)
			.setParameter(4, this.json.writeReason(reason))
			.executeUpdate());
		List<?> rows = this.entityManager
			.createNativeQuery(
					"select event_id, rejected_at from rejected_events where event_type = ?1 and event_id in (?2)")
			.setParameter(1, type.name())
			.setParameter(2, reasons.keySet())
			.getResultList();
		for (Object row : rows) {
			Object[] columns = (Object[]) row;
			firstRejected.put((UUID) columns[0], SqlTimestamps.toInstant(columns[1]));
		}
		return firstRejected;
	}

}
