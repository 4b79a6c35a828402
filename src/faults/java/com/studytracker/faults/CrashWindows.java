package com.studytracker.faults;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The fault suite's crash switch, added to the service only by the suite's launch
 * ({@link ServiceProcess}: this class's directory on {@code loader.path},
 * {@code spring.main.sources} naming it). It decorates the service's
 * {@link OutcomePublisher}: with {@code studytracker.test.halt-at} set to
 * {@code after-db-commit} (rows committed, nothing published) or {@code after-publish}
 * (published, offsets not committed), the JVM halts like a power cut when a batch reaches
 * that point for the {@code studytracker.test.halt-after}-th time.
 */
@Configuration(proxyBeanMethods = false)
public class CrashWindows {

	static final String AFTER_DB_COMMIT = "after-db-commit";

	static final String AFTER_PUBLISH = "after-publish";

	private static final Logger log = LoggerFactory.getLogger(CrashWindows.class);

	@Bean
	static BeanPostProcessor haltingPublisher(Environment environment) {
		String haltAt = environment.getProperty("studytracker.test.halt-at");
		int haltAfter = environment.getProperty("studytracker.test.halt-after", Integer.class, 1);
		AtomicInteger reached = new AtomicInteger();
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (haltAt == null || !(bean instanceof OutcomePublisher publisher)) {
					return bean;
				}
				log.warn("Test crash switch armed: the JVM halts {} (batch #{})", haltAt, haltAfter);
				return new OutcomePublisher() {
					@Override
					public void publish(EventType type, List<Outcome> outcomes) {
						haltIf(AFTER_DB_COMMIT);
						publisher.publish(type, outcomes);
						haltIf(AFTER_PUBLISH);
					}

					private void haltIf(String point) {
						if (point.equals(haltAt) && reached.incrementAndGet() == haltAfter) {
							log.warn("Halting the JVM {} as the test asked", point);
							Runtime.getRuntime().halt(137);
						}
					}
				};
			}
		};
	}

}
