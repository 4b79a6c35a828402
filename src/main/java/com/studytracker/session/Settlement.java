package com.studytracker.session;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Outcome;

/**
 * What one sweep decided: confirmations of accepted sessions, and rejections whose
 * records are loaded only when they are published.
 */
record Settlement(List<Outcome> accepted, List<Rejected> rejected) {

	static final Settlement NONE = new Settlement(List.of(), List.of());

	record Rejected(ParkedSession session, Confirmation confirmation) {
	}

	boolean isEmpty() {
		return this.accepted.isEmpty() && this.rejected.isEmpty();
	}

	List<UUID> eventIds() {
		return Stream
			.concat(this.accepted.stream().map(outcome -> ((Outcome.Accepted) outcome).confirmation().eventId()),
					this.rejected.stream().map(rejected -> rejected.session().eventId()))
			.toList();
	}

}
