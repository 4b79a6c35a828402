package com.studytracker.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class ListenerContainers {

	/**
	 * After records of a transactional producer, the committed offset would stop one
	 * short of the end (the commit marker), so the stream would never look consumed;
	 * commit the consumer's position instead.
	 *
	 * <p>
	 * Offsets are committed synchronously (the default). Asynchronous commits took the
	 * p50/p99 at 2,000 events/s from 13/64 to 9/29 ms, but with them the fault suite's
	 * three SIGKILLs left a parked session undecidable: the TopicCreated group's
	 * committed offsets, which tell the sweeper how far topics are consumed, stayed short
	 * of the end.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitPastTransactionMarkers() {
		return container -> container.getContainerProperties().setFixTxOffsets(true);
	}

}
