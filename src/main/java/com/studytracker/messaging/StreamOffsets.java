package com.studytracker.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A stream's offsets as the admin client reports them ({@code read_committed}, each call
 * bounded by a timeout), apart from the snapshot reasoning that uses them.
 */
final class StreamOffsets implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Admin admin;

	private final String stream;

	private final String groupId;

	StreamOffsets(Map<String, Object> adminConfiguration, String stream, String groupId) {
		this.admin = Admin.create(adminConfiguration);
		this.stream = stream;
		this.groupId = groupId;
	}

	List<TopicPartition> partitions() throws Exception {
		TopicDescription description = this.admin.describeTopics(List.of(this.stream))
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.get(this.stream);
		return description.partitions()
			.stream()
			.map(TopicPartitionInfo::partition)
			.map(partition -> new TopicPartition(this.stream, partition))
			.toList();
	}

	Map<TopicPartition, Long> ends(List<TopicPartition> partitions) throws Exception {
		return offsets(partitions, OffsetSpec.latest());
	}

	/**
	 * The group's committed offsets, or the first retained offset where that is further.
	 */
	Map<TopicPartition, Long> consumed(List<TopicPartition> partitions) throws Exception {
		Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.groupId)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, Long> consumed = new HashMap<>();
		earliest.forEach((partition, first) -> {
			OffsetAndMetadata position = committed.get(partition);
			consumed.put(partition, Math.max(first, (position != null) ? position.offset() : 0));
		});
		return consumed;
	}

	private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach(partition -> request.put(partition, spec));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		this.admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
