package com.studytracker.session;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.studytracker.topic.TopicDirectory;

import org.springframework.stereotype.Component;

/**
 * Resolves the topic references of a whole batch of sessions with at most two queries.
 */
@Component
class TopicReferences {

	private final TopicDirectory directory;

	TopicReferences(TopicDirectory directory) {
		this.directory = directory;
	}

	Resolved resolve(Collection<SessionLogged> sessions) {
		Set<Integer> ids = new HashSet<>();
		Set<UUID> eventIds = new HashSet<>();
		for (SessionLogged session : sessions) {
			if (session.topicId() != null) {
				ids.add(session.topicId());
			}
			else {
				eventIds.add(session.topicEventId());
			}
		}
		return new Resolved(this.directory.existing(ids), this.directory.idsByEventId(eventIds));
	}

	record Resolved(Set<Integer> existingIds, Map<UUID, Integer> idsByEventId) {

		/** The id of the session's topic, or null while that topic is not stored. */
		Integer topicIdOf(SessionLogged session) {
			if (session.topicId() != null) {
				return this.existingIds.contains(session.topicId()) ? session.topicId() : null;
			}
			return this.idsByEventId.get(session.topicEventId());
		}

	}

}
