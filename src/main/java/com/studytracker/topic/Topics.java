package com.studytracker.topic;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

interface Topics extends JpaRepository<Topic, Integer> {

	@Query("select t from Topic t where t.eventId in :eventIds")
	List<Topic> findByEventIdIn(Collection<UUID> eventIds);

	@Query("select t.eventId, t.id from Topic t where t.eventId in :eventIds")
	List<Object[]> findIdsByEventIdIn(Collection<UUID> eventIds);

	@Query("select t.id from Topic t where t.id in :ids")
	List<Integer> findExistingIds(Collection<Integer> ids);

	// Read-only: the rows are answered, never changed, so Hibernate keeps no snapshot of
	// them.
	// The read API's listing, ordered by (name in byte order, id): both conditions are
	// one
	// range of ix_topics_name_c_id, whatever the database's collation (see V14).

	/** Up to {@code limit} topics after the position (afterName, afterId). */
	@QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
	@Query(nativeQuery = true, value = """
			select * from topics where (name collate "C", id) > (:afterName, :afterId)
			order by name collate "C", id limit :limit""")
	List<Topic> listAfter(@Param("afterName") String afterName, @Param("afterId") int afterId,
			@Param("limit") int limit);

	/** The same, among names below {@code below}: the end of a prefix's range. */
	@QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
	@Query(nativeQuery = true, value = """
			select * from topics where (name collate "C", id) > (:afterName, :afterId) and name collate "C" < :below
			order by name collate "C", id limit :limit""")
	List<Topic> listAfterBelow(@Param("afterName") String afterName, @Param("afterId") int afterId,
			@Param("below") String below, @Param("limit") int limit);

}
