package com.studytracker.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.StudyTrackerProperties.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every stream the service reads or writes, so partition counts are ours and not
 * the broker's auto-creation defaults. A stream that already exists keeps its partition
 * count (adding partitions to an input would move keys between partitions), except that a
 * dead-letter stream is grown to at least its input's count, so a dead letter can keep
 * its original partition number. What was found and chosen is logged at startup.
 */
@Configuration(proxyBeanMethods = false)
class StreamDeclarations {

	/** Matches the producer's max.request.size in application.yml. */
	static final int DEAD_LETTER_MAX_BYTES = 16 * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(StreamDeclarations.class);

	@Bean
	KafkaAdmin.NewTopics studyTrackerTopics(StudyTrackerProperties properties, KafkaAdmin kafkaAdmin) {
		StudyTrackerProperties.Kafka kafka = properties.kafka();
		List<Stream> streams = List.of(properties.streams().topicCreated(), properties.streams().sessionLogged());
		Map<String, Integer> existing = existingPartitions(kafkaAdmin, streams);
		List<NewTopic> topics = new ArrayList<>();
		for (Stream stream : streams) {
			int input = existing.getOrDefault(stream.input(), kafka.partitions());
			int deadLetters = Math.max(input, existing.getOrDefault(stream.deadLetters(), kafka.partitions()));
			topics.add(topic(stream.input(), input, kafka));
			topics.add(topic(stream.confirmations(), existing.getOrDefault(stream.confirmations(), kafka.partitions()),
					kafka));
			topics.add(topic(stream.deadLetters(), deadLetters, kafka)
				.configs(Map.of("max.message.bytes", Integer.toString(DEAD_LETTER_MAX_BYTES))));
			log.info("Stream {}: {} {} partitions; dead letters to {} with {} partitions{}", stream.input(),
					existing.containsKey(stream.input()) ? "exists with" : "declared with", input, stream.deadLetters(),
					deadLetters,
					existing.containsKey(stream.deadLetters()) && existing.get(stream.deadLetters()) < deadLetters
							? " (grown from " + existing.get(stream.deadLetters()) + ")" : "");
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	private static NewTopic topic(String name, int partitions, StudyTrackerProperties.Kafka kafka) {
		return TopicBuilder.name(name).partitions(partitions).replicas(kafka.replicationFactor()).build();
	}

	/** Partition counts of the streams that exist; none if the broker cannot tell now. */
	private static Map<String, Integer> existingPartitions(KafkaAdmin kafkaAdmin, List<Stream> streams) {
		Set<String> names = new HashSet<>();
		streams.forEach(stream -> names.addAll(List.of(stream.input(), stream.confirmations(), stream.deadLetters())));
		try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
			Set<String> present = admin.listTopics().names().get(10, TimeUnit.SECONDS);
			names.retainAll(present);
			Map<String, TopicDescription> descriptions = admin.describeTopics(names)
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			Map<String, Integer> partitions = new HashMap<>();
			descriptions.forEach((name, description) -> partitions.put(name, description.partitions().size()));
			return partitions;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.warn("Cannot read the existing streams' partition counts ({}); declaring the configured {}",
					ex.getClass().getSimpleName(), "studytracker.kafka.partitions");
			return Map.of();
		}
	}

}
