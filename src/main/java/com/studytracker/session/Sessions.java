package com.studytracker.session;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface Sessions extends JpaRepository<Session, Integer> {

	List<Session> findByEventIdIn(Collection<UUID> eventIds);

}
