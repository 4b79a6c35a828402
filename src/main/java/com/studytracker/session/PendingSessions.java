package com.studytracker.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface PendingSessions extends JpaRepository<PendingSession, UUID> {

	/** Locks the next unclaimed waiting sessions; other instances skip them instead of blocking. */
	@Query(nativeQuery = true, value = """
			select * from pending_sessions
			where claimed_until is null or claimed_until < :now
			order by first_seen_at
			limit :limit
			for update skip locked""")
	List<PendingSession> lockUnclaimed(Instant now, int limit);

	boolean existsByFirstSeenAtBefore(Instant instant);

	@Modifying
	@Query("delete from PendingSession p where p.eventId in :eventIds")
	int deleteByEventIdIn(Collection<UUID> eventIds);

}
