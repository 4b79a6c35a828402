package com.studytracker.messaging;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.StudyTrackerProperties.Stream;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic the service reads or writes, so partition counts are ours and not
 * the broker's auto-creation defaults. Dead-letter topics have as many partitions as
 * their input, so a dead letter keeps its original partition number.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

	/** Matches the producer's max.request.size in application.yml. */
	static final int DEAD_LETTER_MAX_BYTES = 16 * 1024 * 1024;

	@Bean
	KafkaAdmin.NewTopics studyTrackerTopics(StudyTrackerProperties properties) {
		StudyTrackerProperties.Kafka kafka = properties.kafka();
		Stream topics = properties.streams().topicCreated();
		Stream sessions = properties.streams().sessionLogged();
		return new KafkaAdmin.NewTopics(topic(topics.input(), kafka), topic(topics.confirmations(), kafka),
				deadLetterTopic(topics.deadLetters(), kafka), topic(sessions.input(), kafka),
				topic(sessions.confirmations(), kafka), deadLetterTopic(sessions.deadLetters(), kafka));
	}

	private static NewTopic topic(String name, StudyTrackerProperties.Kafka kafka) {
		return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicationFactor()).build();
	}

	/**
	 * Dead letters keep the original bytes, so they take records as large as an input
	 * topic may.
	 */
	private static NewTopic deadLetterTopic(String name, StudyTrackerProperties.Kafka kafka) {
		return TopicBuilder.name(name)
			.partitions(kafka.partitions())
			.replicas(kafka.replicationFactor())
			.config("max.message.bytes", Integer.toString(DEAD_LETTER_MAX_BYTES))
			.build();
	}

}
