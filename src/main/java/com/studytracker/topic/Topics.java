package com.studytracker.topic;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Topics extends JpaRepository<Topic, Integer> {

	@Query("select t from Topic t where t.eventId in :eventIds")
	List<Topic> findByEventIdIn(Collection<UUID> eventIds);

}
