package com.studytracker.ingest;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
