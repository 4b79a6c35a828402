package com.studytracker.ingest;

import java.time.Clock;

import com.studytracker.contract.EventReader;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	BatchIngestion.Dependencies ingestionDependencies(EventReader reader, RejectionLog rejections,
			TransactionTemplate transaction, Clock clock) {
		return new BatchIngestion.Dependencies(reader, rejections, transaction, clock);
	}

}
