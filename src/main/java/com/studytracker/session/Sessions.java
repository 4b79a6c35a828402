package com.studytracker.session;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

interface Sessions extends JpaRepository<Session, Integer> {

	@Query("select s from Session s where s.eventId in :eventIds")
	List<Session> findByEventIdIn(Collection<UUID> eventIds);

	// The read API: both queries are one range of ix_sessions_topic_id_study_date_id
	// (V14).

	/**
	 * Up to {@code limit} sessions of a topic after the position (afterDate, afterId) in
	 * (study_date, id) order, up to study date {@code to} inclusive.
	 */
	@QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
	@Query(nativeQuery = true, value = """
			select * from sessions
			where topic_id = :topicId and (study_date, id) > (:afterDate, :afterId) and study_date <= :to
			order by study_date, id limit :limit""")
	List<Session> pageOf(@Param("topicId") int topicId, @Param("afterDate") LocalDate afterDate,
			@Param("afterId") int afterId, @Param("to") LocalDate to, @Param("limit") int limit);

	/**
	 * A topic's sessions and minutes per study date, in date order: an index-only scan
	 * whose few rows (one per day) give the whole summary.
	 */
	@Query("""
			select new com.studytracker.session.DayTotal(s.content.studyDate, count(s), sum(s.content.durationMinutes))
			from Session s where s.topicId = :topicId
			group by s.content.studyDate order by s.content.studyDate""")
	List<DayTotal> dayTotalsOf(@Param("topicId") int topicId);

}
