package com.studytracker.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Poison records never reach the error handler (they become rejections inside the batch),
 * so whatever does is transient: database or broker unavailable, a timeout, a lock. The
 * batch is retried with exponential backoff (200 ms up to 10 s) with no end, so the
 * handler's give-up path (Spring Kafka's default: log and skip, which would lose data) is
 * never taken.
 */
@Configuration(proxyBeanMethods = false)
class ListenerErrorHandling {

	@Bean
	CommonErrorHandler retryTransientFailuresForever() {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(10_000);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		return new DefaultErrorHandler(backOff);
	}

}
