package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.studytracker.contract.ConfirmationJson;
import com.studytracker.contract.Delivery;
import com.studytracker.contract.Outcome;
import com.studytracker.ingest.IngestionPipeline;
import com.studytracker.session.SessionLoggedRules;
import com.studytracker.topic.TopicCreatedRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Before the listeners start (and so before the service reports ready), runs a few
 * batches of synthetic events through the real pipeline in a transaction that is rolled
 * back: the first real batches after a start or a deploy then find classes loaded,
 * Hibernate's query plans built and the hot code compiled, instead of waiting seconds for
 * all of it under live traffic. Nothing is stored or published; the id sequences advance
 * by a few blocks.
 */
@Component
@EnableConfigurationProperties(ListenerWarmUp.Settings.class)
class ListenerWarmUp implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ListenerWarmUp.class);

	private final IngestionPipeline pipeline;

	private final TopicCreatedRules topics;

	private final SessionLoggedRules sessions;

	private final ConfirmationJson json;

	private final TransactionTemplate rolledBack;

	private final Settings settings;

	private volatile boolean running;

	ListenerWarmUp(IngestionPipeline pipeline, TopicCreatedRules topics, SessionLoggedRules sessions,
			ConfirmationJson json, PlatformTransactionManager transactions, Settings settings) {
		this.pipeline = pipeline;
		this.topics = topics;
		this.sessions = sessions;
		this.json = json;
		this.rolledBack = new TransactionTemplate(transactions);
		this.settings = settings;
	}

	/**
	 * @param rounds batches of each type run before the listeners start (0: none)
	 * @param events events per round, one in ten a topic
	 */
	@ConfigurationProperties("studytracker.warm-up")
	record Settings(@DefaultValue("3") int rounds, @DefaultValue("2000") int events) {
	}

	@Override
	public void start() {
		long started = System.nanoTime();
		try {
			for (int round = 0; round < this.settings.rounds(); round++) {
				round(this.settings.events());
			}
			if (this.settings.rounds() > 0) {
				log.info("Warmed up with {} rolled-back batches of {} synthetic events in {} ms",
						this.settings.rounds(), this.settings.events(), (System.nanoTime() - started) / 1_000_000);
			}
		}
		catch (RuntimeException ex) {
			// Only speed is at stake: the listeners start anyway.
			log.warn("Warm-up stopped early: {}", ex.toString());
		}
		this.running = true;
	}

	/** One rolled-back batch of each type. */
	void round(int events) {
		List<Delivery> topicEvents = new ArrayList<>();
		List<Delivery> sessionEvents = new ArrayList<>();
		String now = Instant.now().toString();
		List<UUID> topicIds = new ArrayList<>();
		for (int i = 0; i < Math.max(1, events / 10); i++) {
			UUID id = UUID.randomUUID();
			topicIds.add(id);
			topicEvents.add(delivery("{\"eventId\":\"" + id + "\",\"occurredAt\":\"" + now
					+ "\",\"name\":\"Warm-up topic " + i + "\",\"description\":\"Rolled back\"}", i));
		}
		for (int i = 0; sessionEvents.size() + topicEvents.size() < events; i++) {
			sessionEvents.add(delivery("{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + now
					+ "\",\"topicEventId\":\"" + topicIds.get(i % topicIds.size()) + "\",\"durationMinutes\":"
					+ (1 + i % 120) + ",\"notes\":\"Rolled back\"}", i));
		}
		this.rolledBack.executeWithoutResult(status -> {
			write(this.pipeline.ingest(this.topics, topicEvents));
			write(this.pipeline.ingest(this.sessions, sessionEvents));
			status.setRollbackOnly();
		});
	}

	private void write(List<Outcome> outcomes) {
		for (Outcome outcome : outcomes) {
			if (outcome instanceof Outcome.Accepted accepted) {
				this.json.write(accepted.confirmation());
			}
		}
	}

	private static Delivery delivery(String json, int offset) {
		byte[] value = json.getBytes(StandardCharsets.UTF_8);
		return new Delivery("warm-up", 0, offset, 0L, null, value, List.of());
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Just before the listener containers. */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
	}

}
