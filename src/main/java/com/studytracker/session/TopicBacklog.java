package com.studytracker.session;

/**
 * Whether every TopicCreated record already in Kafka has been stored. Until it has, a
 * session's topic may still be on its way, so no session is rejected as UNKNOWN_TOPIC.
 */
public interface TopicBacklog {

	boolean isCaughtUp();

}
