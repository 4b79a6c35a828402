package com.studytracker.session;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Sessions extends JpaRepository<Session, Integer> {

	@Query("select s from Session s where s.eventId in :eventIds")
	List<Session> findByEventIdIn(Collection<UUID> eventIds);

}
