package com.studytracker.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.studytracker.StudyTrackerProperties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * TopicCreated first: while more than one poll of this instance's TopicCreated records is
 * not stored yet (still to fetch, or being stored: a start or a rebalance with a
 * backlog), a batch of sessions waits, up to
 * {@code studytracker.pending.topic-backlog-wait}. Without the wait the two streams race:
 * the topic consumers work through their backlog one partition at a time, and the
 * sessions naming topics in the rest of it are parked and settled later, which costs
 * several times a direct insert (2 % of the sessions of a 1,000,000-event backlog). Only
 * an optimisation: a session whose topic is still missing after the wait is parked as
 * before, and topic consumers of other instances are not seen.
 */
@Component
class TopicBacklogGate {

	private static final Logger log = LoggerFactory.getLogger(TopicBacklogGate.class);

	private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/** The lag of a consumer that has not fetched every partition it holds yet. */
	static final long UNKNOWN = Long.MAX_VALUE;

	private final KafkaListenerEndpointRegistry registry;

	private final Duration maxWait;

	private final long onePoll;

	/** TopicCreated records taken by a listener and not stored yet. */
	private final AtomicLong inFlight = new AtomicLong();

	TopicBacklogGate(KafkaListenerEndpointRegistry registry, StudyTrackerProperties properties, KafkaProperties kafka) {
		this.registry = registry;
		this.maxWait = properties.pending().topicBacklogWait();
		Integer maxPollRecords = kafka.getConsumer().getMaxPollRecords();
		this.onePoll = (maxPollRecords != null) ? maxPollRecords : 500;
	}

	/** A TopicCreated listener took this many records. */
	void taken(int records) {
		this.inFlight.addAndGet(records);
	}

	/** A TopicCreated listener is done with this many records (stored, or failed). */
	void done(int records) {
		this.inFlight.addAndGet(-records);
	}

	/**
	 * Returns once at most one poll of TopicCreated records is not stored yet (still to
	 * fetch, or being stored), or at the limit: how long it waited (zero if it did not).
	 */
	Duration awaitTopics() {
		return awaitTopics(this.maxWait);
	}

	Duration awaitTopics(Duration limit) {
		if (limit.isZero() || unstored() <= this.onePoll) {
			return Duration.ZERO;
		}
		long start = System.nanoTime();
		long deadline = start + limit.toNanos();
		long unstored;
		do {
			LockSupport.parkNanos(CHECK_EVERY_NANOS);
			unstored = unstored();
		}
		while (unstored > this.onePoll && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted());
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		log.debug("Sessions waited {} ms for the TopicCreated backlog ({} records not stored)", waited.toMillis(),
				(unstored == UNKNOWN) ? "unknown" : unstored);
		return waited;
	}

	private long unstored() {
		long lag = topicLag();
		return (lag == UNKNOWN) ? UNKNOWN : lag + this.inFlight.get();
	}

	/**
	 * Records behind the end, summed over the partitions this instance's TopicCreated
	 * consumers hold, as of each partition's last fetch (the consumers' own
	 * {@code records-lag} metric); {@link #UNKNOWN} while a held partition has not been
	 * fetched yet: right after a start or a rebalance, or while a consumer works through
	 * another partition's backlog first.
	 */
	long topicLag() {
		MessageListenerContainer container = this.registry.getListenerContainer(IngestionListeners.TOPIC_CREATED);
		if (container == null || !container.isRunning()) {
			return 0;
		}
		try {
			Collection<TopicPartition> held = container.getAssignedPartitions();
			if (held == null || held.isEmpty()) {
				return 0;
			}
			Map<TopicPartition, Long> lags = new HashMap<>();
			for (Map<MetricName, ? extends Metric> metrics : container.metrics().values()) {
				metrics.forEach((name, metric) -> {
					if ("records-lag".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
							&& name.tags().containsKey("partition") && metric.metricValue() instanceof Double value
							&& !value.isNaN()) {
						lags.put(
								new TopicPartition(name.tags().get("topic"),
										Integer.parseInt(name.tags().get("partition"))),
								Math.max(0, value.longValue()));
					}
				});
			}
			long lag = 0;
			for (TopicPartition partition : held) {
				Long behind = lags.get(partition);
				if (behind == null) {
					return UNKNOWN;
				}
				lag += behind;
			}
			return lag;
		}
		catch (RuntimeException ex) {
			// a rebalance changed the assignment while it was read: no reason to wait
			return 0;
		}
	}

}
