package com.studytracker.session;

import java.time.Instant;

/**
 * How far the TopicCreated stream has been consumed. A session is rejected as
 * UNKNOWN_TOPIC only if its grace period ended before this instant: until then its topic
 * may still be on its way.
 */
public interface TopicCreatedStream {

	/**
	 * An instant such that every TopicCreated record committed to Kafka before it has
	 * been stored; null while that is not known. Never moves backwards.
	 */
	Instant consumedUpTo();

}
