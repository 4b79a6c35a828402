package com.studytracker.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.StudyTrackerApplication;

import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The real service, in this JVM, with its listeners stopped until the benchmark starts
 * them (so the clock starts with consumption, not with Spring's startup).
 */
final class ServiceUnderTest implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final KafkaListenerEndpointRegistry listeners;

	private ServiceUnderTest(ConfigurableApplicationContext context) {
		this.context = context;
		this.listeners = context.getBean(KafkaListenerEndpointRegistry.class);
	}

	/**
	 * @param extraArguments further {@code --property=value} overrides (e.g. from
	 * {@code -Dbench.serviceArgs}), applied last
	 */
	static ServiceUnderTest start(String bootstrapServers, BenchDatabase database, ServiceTopics topics, String groupId,
			List<String> extraArguments) {
		List<String> args = new ArrayList<>();
		args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
		args.addAll(BenchDatabase.serviceArguments(database));
		args.addAll(topics.streamArguments());
		args.add("--studytracker.kafka.group-id=" + groupId);
		args.add("--spring.kafka.listener.auto-startup=false");
		args.add("--server.port=0");
		args.add("--spring.main.banner-mode=off");
		args.add("--logging.level.root=WARN");
		args.add("--logging.level.org.apache.kafka=ERROR");
		args.addAll(extraArguments);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StudyTrackerApplication.class)
			.run(args.toArray(String[]::new));
		return new ServiceUnderTest(context);
	}

	void startListeners() {
		this.listeners.start();
	}

	/** Stops consuming (each container finishes its batch and commits its offsets). */
	void stopListeners() {
		this.listeners.stop();
	}

	/**
	 * Pauses every consumer but keeps it in its group with its partitions, so that
	 * {@link #resume()} starts consuming at once, without a rebalance. Returns when all
	 * are paused.
	 */
	void pause() {
		this.listeners.getListenerContainers().forEach(MessageListenerContainer::pause);
		Awaitility.await("listener containers paused")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.listeners.getListenerContainers()
				.stream()
				.allMatch(MessageListenerContainer::isContainerPaused));
	}

	void resume() {
		this.listeners.getListenerContainers().forEach(MessageListenerContainer::resume);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
