package com.studytracker.redrive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * One read of a dead-letter stream, from its start (or {@code --from}) up to its end
 * <em>as it was when the read began</em>: a record dead-lettered anew while the run
 * re-publishes is not read again, so a redrive never loops.
 */
final class DeadLetterPass {

	private final Consumer<byte[], byte[]> consumer;

	/** Per partition still being read: the end offset it had when the pass began. */
	private final Map<TopicPartition, Long> remaining = new HashMap<>();

	private final long total;

	private DeadLetterPass(Consumer<byte[], byte[]> consumer, String stream, Instant from) {
		this.consumer = consumer;
		List<PartitionInfo> infos = consumer.partitionsFor(stream, Duration.ofSeconds(30));
		if (infos == null || infos.isEmpty()) {
			throw new RedriveRequest.InvalidArguments("No dead-letter stream named " + stream);
		}
		List<TopicPartition> partitions = infos.stream()
			.map(info -> new TopicPartition(stream, info.partition()))
			.toList();
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
		Map<TopicPartition, Long> start = startOffsets(partitions, from, end);
		long total = 0;
		for (TopicPartition partition : partitions) {
			long count = end.get(partition) - start.get(partition);
			if (count > 0) {
				this.remaining.put(partition, end.get(partition));
				total += count;
			}
		}
		this.total = total;
		consumer.assign(this.remaining.keySet());
		this.remaining.keySet().forEach(partition -> consumer.seek(partition, start.get(partition)));
	}

	/** Assigns the consumer to the stream's partitions that hold records to read. */
	static DeadLetterPass begin(Consumer<byte[], byte[]> consumer, String stream, Instant from) {
		return new DeadLetterPass(consumer, stream, from);
	}

	/** How many dead letters the pass will read. */
	long total() {
		return this.total;
	}

	boolean isDone() {
		return this.remaining.isEmpty();
	}

	/** The next records within the pass's bounds (possibly none). */
	List<ConsumerRecord<byte[], byte[]>> poll() {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(500))) {
			Long until = this.remaining.get(new TopicPartition(record.topic(), record.partition()));
			if (until != null && record.offset() < until) {
				records.add(record);
			}
		}
		// Done with a partition once its position reaches the end it had when we began.
		this.remaining.keySet()
			.removeIf(partition -> this.consumer.position(partition) >= this.remaining.get(partition));
		return records;
	}

	void end() {
		this.consumer.assign(List.of());
	}

	private Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions, Instant from,
			Map<TopicPartition, Long> end) {
		Map<TopicPartition, Long> start = new HashMap<>(this.consumer.beginningOffsets(partitions));
		if (from != null) {
			Map<TopicPartition, Long> times = new HashMap<>();
			partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
			Map<TopicPartition, OffsetAndTimestamp> found = this.consumer.offsetsForTimes(times);
			for (TopicPartition partition : partitions) {
				OffsetAndTimestamp offset = found.get(partition);
				start.put(partition, (offset != null) ? offset.offset() : end.get(partition));
			}
		}
		return start;
	}

}
