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
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitPastTransactionMarkers() {
		return container -> container.getContainerProperties().setFixTxOffsets(true);
	}

}
