package com.studytracker.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.contract.EventType;
import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers when each event was first rejected. That instant is the rejection's
 * {@code processedAt}, so a redelivered rejected event is confirmed with exactly the same
 * bytes.
 */
@Component
public class RejectionLog {

	private final EntityManager entityManager;

	RejectionLog(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * Records the rejections (keeping the first time of any earlier one) and returns, per
	 * eventId, the time of its first rejection. Runs in the caller's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<UUID, Instant> record(EventType type, Collection<UUID> eventIds, Instant now) {
		Map<UUID, Instant> firstRejected = new HashMap<>();
		if (eventIds.isEmpty()) {
			return firstRejected;
		}
		for (UUID eventId : eventIds) {
			this.entityManager
				.createNativeQuery(
						"insert into rejected_events (event_type, event_id, rejected_at) values (?1, ?2, ?3) "
								+ "on conflict (event_type, event_id) do nothing")
				.setParameter(1, type.name())
				.setParameter(2, eventId)
				.setParameter(3, now)
				.executeUpdate();
		}
		List<?> rows = this.entityManager
			.createNativeQuery(
					"select event_id, rejected_at from rejected_events where event_type = ?1 and event_id in (?2)")
			.setParameter(1, type.name())
			.setParameter(2, eventIds)
			.getResultList();
		for (Object row : rows) {
			Object[] columns = (Object[]) row;
			firstRejected.put((UUID) columns[0], SqlTimestamps.toInstant(columns[1]));
		}
		return firstRejected;
	}

}
