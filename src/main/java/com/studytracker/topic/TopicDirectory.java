package com.studytracker.topic;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks up whole batches of topic references at once, for sessions that name their topic.
 */
@Component
public class TopicDirectory {

	private final Topics topics;

	TopicDirectory(Topics topics) {
		this.topics = topics;
	}

	@Transactional(readOnly = true)
	public Map<UUID, Integer> idsByEventId(Collection<UUID> topicEventIds) {
		Map<UUID, Integer> ids = new HashMap<>();
		if (!topicEventIds.isEmpty()) {
			for (Object[] row : this.topics.findIdsByEventIdIn(topicEventIds)) {
				ids.put((UUID) row[0], (Integer) row[1]);
			}
		}
		return ids;
	}

	@Transactional(readOnly = true)
	public Set<Integer> existing(Collection<Integer> topicIds) {
		return topicIds.isEmpty() ? Set.of() : new HashSet<>(this.topics.findExistingIds(topicIds));
	}

}
