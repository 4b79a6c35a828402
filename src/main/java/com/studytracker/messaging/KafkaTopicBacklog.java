package com.studytracker.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.session.TopicBacklog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Compares the consumer group's committed offsets on the TopicCreated topic with its end
 * offsets. Any doubt (broker unreachable, timeout) counts as "not caught up": a session
 * is never rejected as UNKNOWN_TOPIC on a guess.
 */
@Component
class KafkaTopicBacklog implements TopicBacklog, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(KafkaTopicBacklog.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Admin admin;

	private final String topic;

	private final String groupId;

	KafkaTopicBacklog(KafkaAdmin kafkaAdmin, StudyTrackerProperties properties) {
		this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
		this.topic = properties.streams().topicCreated().input();
		this.groupId = properties.kafka().groupId();
	}

	@Override
	public boolean isCaughtUp() {
		try {
			TopicDescription description = this.admin.describeTopics(java.util.List.of(this.topic))
				.allTopicNames()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.get(this.topic);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (TopicPartitionInfo partition : description.partitions()) {
				latest.put(new TopicPartition(this.topic, partition.partition()), OffsetSpec.latest());
			}
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.listOffsets(latest)
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.groupId)
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
				OffsetAndMetadata position = committed.get(end.getKey());
				long consumed = (position != null) ? position.offset() : 0;
				if (consumed < end.getValue().offset()) {
					log.debug("TopicCreated stream not consumed yet: {} at {} of {}", end.getKey(), consumed,
							end.getValue().offset());
					return false;
				}
			}
			return true;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.debug("Cannot tell whether the TopicCreated stream is consumed; assuming it is not: {}", ex.toString());
			return false;
		}
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
