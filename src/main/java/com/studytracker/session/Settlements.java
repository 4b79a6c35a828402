package com.studytracker.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.Rejection;
import com.studytracker.ingest.RejectionLog;

import org.springframework.stereotype.Component;

/**
 * Records a sweep's rejections (their first rejection time is their {@code processedAt})
 * and turns a settlement into outcomes, loading the rejected records' bytes only then.
 */
@Component
class Settlements {

	private final RejectionLog rejections;

	private final PendingSessions pendingSessions;

	private final ParkedCopies copies;

	Settlements(RejectionLog rejections, PendingSessions pendingSessions, ParkedCopies copies) {
		this.rejections = rejections;
		this.pendingSessions = pendingSessions;
		this.copies = copies;
	}

	/** Runs in the caller's transaction. */
	Settlement record(List<Outcome> accepted, List<ParkedSession> rejected, Instant now) {
		Map<UUID, Rejection> reasons = new LinkedHashMap<>();
		rejected.forEach(session -> reasons.put(session.eventId(), session.rejection()));
		Map<UUID, Instant> rejectedAt = this.rejections.record(EventType.SESSION_LOGGED, reasons, now);
		List<Settlement.Rejected> decisions = rejected.stream()
			.map(session -> new Settlement.Rejected(session,
					Confirmation.rejected(session.eventId(), reasons.get(session.eventId()),
							rejectedAt.get(session.eventId()))))
			.toList();
		return new Settlement(accepted, decisions);
	}

	/** One outcome per copy of each settled session, the first copy's and the others'. */
	List<Outcome> outcomes(Settlement settlement) {
		List<Outcome> outcomes = new ArrayList<>(settlement.accepted());
		Map<UUID, Confirmation> accepted = new HashMap<>();
		settlement.accepted()
			.forEach(outcome -> accepted.put(((Outcome.Accepted) outcome).confirmation().eventId(),
					((Outcome.Accepted) outcome).confirmation()));
		this.copies.of(accepted.keySet(), false)
			.forEach(copy -> outcomes.add(new Outcome.Accepted(copy.delivery(), accepted.get(copy.eventId()))));
		if (settlement.rejected().isEmpty()) {
			return outcomes;
		}
		List<UUID> rejectedIds = settlement.rejected().stream().map(rejected -> rejected.session().eventId()).toList();
		Map<UUID, Object[]> records = new HashMap<>();
		this.pendingSessions.findRecordsByEventIdIn(rejectedIds).forEach(row -> records.put((UUID) row[0], row));
		Map<UUID, Confirmation> confirmations = new HashMap<>();
		for (Settlement.Rejected rejected : settlement.rejected()) {
			Object[] row = records.get(rejected.session().eventId());
			outcomes.add(new Outcome.Rejected(
					rejected.session().record().delivery((byte[]) row[1], (byte[]) row[2], (byte[]) row[3]),
					rejected.confirmation()));
			confirmations.put(rejected.session().eventId(), rejected.confirmation());
		}
		this.copies.of(rejectedIds, true)
			.forEach(copy -> outcomes.add(new Outcome.Rejected(copy.delivery(), confirmations.get(copy.eventId()))));
		return outcomes;
	}

}
