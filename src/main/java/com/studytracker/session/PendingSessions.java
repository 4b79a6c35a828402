package com.studytracker.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface PendingSessions extends JpaRepository<PendingSession, UUID> {

	@Query("select new com.studytracker.session.ParkedSession(p.eventId, p.topicId, p.topicEventId, p.content, "
			+ "p.firstSeenAt, p.rejectedAt, p.record) from PendingSession p where p.eventId in :eventIds")
	List<ParkedSession> findParkedByEventIdIn(Collection<UUID> eventIds);

	/**
	 * Locks the next unclaimed parked sessions that can be settled now (already decided,
	 * named by topic id, topic or session row present, or waiting since before
	 * {@code expiredBefore}) and returns their ids with the size of their record. Others
	 * are not even read, so a crowd still waiting cannot starve those whose topic
	 * arrived; other instances skip locked rows instead of blocking.
	 */
	@Query(nativeQuery = true, value = """
			select p.event_id, octet_length(p.record_value) + coalesce(octet_length(p.record_key), 0)
			       + coalesce(octet_length(p.record_headers), 0)
			       + coalesce((select sum(octet_length(c.record_value) + coalesce(octet_length(c.record_key), 0)
			                              + coalesce(octet_length(c.record_headers), 0))
			                   from pending_session_copies c where c.event_id = p.event_id), 0)
			from pending_sessions p
			where (p.claimed_until is null or p.claimed_until < :now)
			  and (p.rejected_at is not null
			       or p.topic_id is not null
			       or p.first_seen_at < :expiredBefore
			       or exists (select 1 from topics t where t.event_id = p.topic_event_id)
			       or exists (select 1 from sessions s where s.event_id = p.event_id))
			order by p.first_seen_at
			limit :limit
			for update of p skip locked""")
	List<Object[]> lockSettleable(Instant now, Instant expiredBefore, int limit);

	@Query(nativeQuery = true,
			value = "select event_id, record_key, record_value, record_headers from pending_sessions where event_id in (:eventIds)")
	List<Object[]> findRecordsByEventIdIn(Collection<UUID> eventIds);

	/** How many wait, since when the oldest, and how many waited past {@code before}. */
	@Query(nativeQuery = true, value = """
			select count(*), min(first_seen_at), count(*) filter (where rejected_at is null and first_seen_at < :before)
			from pending_sessions""")
	List<Object[]> statistics(Instant before);

	boolean existsByFirstSeenAtBefore(Instant instant);

	@Modifying
	@Query("update PendingSession p set p.claimedUntil = :until where p.eventId in :eventIds")
	int claimUntil(Collection<UUID> eventIds, Instant until);

	@Modifying
	@Query("update PendingSession p set p.rejectedAt = :at where p.eventId in :eventIds")
	int markRejected(Collection<UUID> eventIds, Instant at);

	@Modifying
	@Query("delete from PendingSession p where p.eventId in :eventIds")
	int deleteByEventIdIn(Collection<UUID> eventIds);

}
