package com.studytracker.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.studytracker.contract.Delivery;
import com.studytracker.contract.Envelope;
import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

/**
 * The other copies of a parked session: the same event sent again while the first copy
 * waits. Each is answered when the session is settled, like the first.
 */
@Component
class ParkedCopies {

	private final EntityManager entityManager;

	ParkedCopies(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/** Keeps this record as a copy (a redelivery of the same record is kept once). */
	void keep(UUID eventId, Delivery delivery) {
		this.entityManager.createNativeQuery("""
				insert into pending_session_copies (event_id, source_topic, source_partition, source_offset,
				  source_timestamp, record_key, record_value, envelope, record_headers)
				values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
				on conflict do nothing""")
			.setParameter(1, eventId)
			.setParameter(2, delivery.stream())
			.setParameter(3, delivery.partition())
			.setParameter(4, delivery.offset())
			.setParameter(5, delivery.timestamp())
			.setParameter(6, delivery.key())
			.setParameter(7, delivery.value())
			.setParameter(8, delivery.envelope().name())
			.setParameter(9, HeaderBytes.write(delivery.headers()))
			.executeUpdate();
	}

	/** The copies of these sessions, with their records' bytes only if asked. */
	List<Copy> of(Collection<UUID> eventIds, boolean withBytes) {
		List<Copy> copies = new ArrayList<>();
		if (eventIds.isEmpty()) {
			return copies;
		}
		List<?> rows = this.entityManager
			.createNativeQuery("select event_id, source_topic, source_partition, source_offset, source_timestamp, "
					+ "envelope, " + (withBytes ? "record_key, record_value, record_headers" : "null, null, null")
					+ " from pending_session_copies where event_id in (?1)")
			.setParameter(1, eventIds)
			.getResultList();
		for (Object row : rows) {
			Object[] columns = (Object[]) row;
			copies.add(new Copy((UUID) columns[0],
					new Delivery((String) columns[1], ((Number) columns[2]).intValue(),
							((Number) columns[3]).longValue(), ((Number) columns[4]).longValue(), (byte[]) columns[6],
							(byte[]) columns[7], HeaderBytes.read((byte[]) columns[8]),
							Envelope.valueOf((String) columns[5]))));
		}
		return copies;
	}

	record Copy(UUID eventId, Delivery delivery) {
	}

}
