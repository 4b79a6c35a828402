package com.studytracker.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface PendingSessions extends JpaRepository<PendingSession, UUID> {

	/**
	 * Locks the next unclaimed waiting sessions that can be settled now: their topic (or
	 * their session row) exists, or they waited since before {@code expiredBefore}.
	 * Others are not even read, so a crowd of sessions still waiting cannot starve those
	 * whose topic arrived. Other instances skip locked rows instead of blocking.
	 */
	@Query(nativeQuery = true, value = """
			select p.* from pending_sessions p
			where (p.claimed_until is null or p.claimed_until < :now)
			  and (p.first_seen_at < :expiredBefore
			       or exists (select 1 from topics t where t.id = p.topic_id)
			       or exists (select 1 from topics t where t.event_id = p.topic_event_id)
			       or exists (select 1 from sessions s where s.event_id = p.event_id))
			order by p.first_seen_at
			limit :limit
			for update of p skip locked""")
	List<PendingSession> lockSettleable(Instant now, Instant expiredBefore, int limit);

	boolean existsByFirstSeenAtBefore(Instant instant);

	// A plain JPQL query: findAllById builds a criteria query on every call, which showed
	// in profiles.
	@Query("select p from PendingSession p where p.eventId in :eventIds")
	List<PendingSession> findByEventIdIn(Collection<UUID> eventIds);

	@Modifying
	@Query("delete from PendingSession p where p.eventId in :eventIds")
	int deleteByEventIdIn(Collection<UUID> eventIds);

}
