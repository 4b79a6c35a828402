package com.studytracker.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Poison records never reach the error handler (they become rejections inside the batch),
 * so whatever does is transient: database or broker unavailable, a timeout, a lock. The
 * batch is retried with exponential backoff for as long as it takes, never skipped and
 * never dead-lettered. Spring Kafka's default (10 retries, then log and skip) would lose
 * data.
 */
@Configuration(proxyBeanMethods = false)
class ListenerErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(ListenerErrorHandling.class);

	@Bean
	CommonErrorHandler retryTransientFailuresForever() {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(10_000);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			// Unreachable with an unbounded backoff; kept loud in case someone bounds it.
			log.error("Giving up on {}-{}@{} after retries", record.topic(), record.partition(), record.offset(), ex);
			throw new IllegalStateException("Retries exhausted; refusing to skip the record", ex);
		}, backOff);
		return handler;
	}

}
