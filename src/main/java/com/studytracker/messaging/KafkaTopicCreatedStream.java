package com.studytracker.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.session.TopicCreatedStream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Tells how far the TopicCreated stream is consumed without needing it ever to be fully
 * consumed (under steady traffic it never is): each check notes the stream's end offsets
 * and when it saw them; once the group's committed offsets reach a noted snapshot, every
 * record committed before that instant has been stored. A partition with no committed
 * offset counts from its first retained record (earlier ones expired); where the
 * committed offset is short of the end, a {@code read_committed} probe reads on from it:
 * transaction markers and aborted records there hold nothing to consume. Any doubt keeps
 * the last known answer: a session is never rejected on a guess.
 */
@Component
class KafkaTopicCreatedStream implements TopicCreatedStream, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(KafkaTopicCreatedStream.class);

	/** Enough for minutes of checks; older snapshots are dropped (kept: the latest). */
	private static final int MAX_SNAPSHOTS = 1000;

	private final StreamOffsets offsets;

	private final NextCommittedRecord probe;

	private final Clock clock;

	private final Deque<Snapshot> snapshots = new ArrayDeque<>();

	private Instant consumedUpTo;

	KafkaTopicCreatedStream(KafkaAdmin kafkaAdmin, StudyTrackerProperties properties, Clock clock) {
		this.offsets = new StreamOffsets(kafkaAdmin.getConfigurationProperties(),
				properties.streams().topicCreated().input(), properties.kafka().groupId());
		this.probe = new NextCommittedRecord(kafkaAdmin.getConfigurationProperties(), clock);
		this.clock = clock;
	}

	@Override
	public synchronized Instant consumedUpTo() {
		Instant now = this.clock.instant();
		try {
			List<TopicPartition> partitions = this.offsets.partitions();
			this.snapshots.addLast(new Snapshot(now, this.offsets.ends(partitions)));
			if (this.snapshots.size() > MAX_SNAPSHOTS) {
				this.snapshots.removeFirst();
			}
			Map<TopicPartition, Long> consumed = this.offsets.consumed(partitions);
			skipWhatHoldsNoRecords(consumed, this.snapshots.peekLast().ends());
			while (!this.snapshots.isEmpty() && this.snapshots.peekFirst().isReachedBy(consumed)) {
				this.consumedUpTo = this.snapshots.removeFirst().at();
			}
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.debug("Cannot tell how far the TopicCreated stream is consumed: {}", ex.toString());
		}
		return this.consumedUpTo;
	}

	/**
	 * Moves each lagging partition's consumed offset past markers and aborted records, up
	 * to the first committed record that is not consumed yet.
	 */
	private void skipWhatHoldsNoRecords(Map<TopicPartition, Long> consumed, Map<TopicPartition, Long> ends) {
		consumed.replaceAll((partition, from) -> {
			long end = ends.getOrDefault(partition, from);
			return (from < end) ? this.probe.at(partition, from, end) : from;
		});
	}

	@Override
	public void destroy() {
		this.offsets.close();
		this.probe.close();
	}

	/** The stream's end offsets as seen at one instant. */
	private record Snapshot(Instant at, Map<TopicPartition, Long> ends) {

		boolean isReachedBy(Map<TopicPartition, Long> consumed) {
			return this.ends.entrySet()
				.stream()
				.allMatch(end -> consumed.getOrDefault(end.getKey(), 0L) >= end.getValue());
		}

	}

}
