package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.StudyTrackerProperties.Stream;
import com.studytracker.contract.Confirmation;
import com.studytracker.contract.ConfirmationJson;
import com.studytracker.contract.Envelope;
import com.studytracker.contract.EventType;
import com.studytracker.contract.Outcome;
import com.studytracker.contract.OutcomePublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a batch's confirmations and dead letters asynchronously, then waits once for all
 * of them to be acknowledged ({@code acks=all}, idempotent producer). A failed or
 * timed-out send fails the batch, so its offsets are not committed and it is processed
 * again; nothing is swallowed.
 */
@Component
class KafkaOutcomePublisher implements OutcomePublisher {

	private final KafkaTemplate<byte[], byte[]> template;

	private final DeadLetters deadLetters;

	private final OutcomeCounters counters;

	private final Map<EventType, Stream> streams = new EnumMap<>(EventType.class);

	private final long sendTimeoutMillis;

	private final ConfirmationJson json;

	private final Counter publishFailures;

	private final Map<EventType, Timer> publishDurations = new EnumMap<>(EventType.class);

	private final OutcomeTracing tracing;

	private final CloudEventConfirmations cloudEvents;

	KafkaOutcomePublisher(KafkaTemplate<byte[], byte[]> template, DeadLetters deadLetters, OutcomeCounters counters,
			OutcomeTracing tracing, StudyTrackerProperties properties, MeterRegistry meters, ConfirmationJson json,
			CloudEventConfirmations cloudEvents) {
		this.template = template;
		this.cloudEvents = cloudEvents;
		this.json = json;
		this.deadLetters = deadLetters;
		this.counters = counters;
		this.tracing = tracing;
		this.streams.put(EventType.TOPIC_CREATED, properties.streams().topicCreated());
		this.streams.put(EventType.SESSION_LOGGED, properties.streams().sessionLogged());
		this.sendTimeoutMillis = properties.kafka().sendTimeout().toMillis();
		this.publishFailures = Counter.builder("studytracker.publish.failures")
			.description("Batches whose confirmations or dead letters the broker did not acknowledge")
			.register(meters);
		for (EventType type : EventType.values()) {
			this.publishDurations.put(type, Timer.builder("studytracker.publish.duration")
				.description(
						"From sending a batch's confirmations and dead letters to the broker's last acknowledgement")
				.tag("type", OutcomeCounters.tagValue(type.name()))
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofSeconds(60))
				.register(meters));
		}
	}

	@Override
	public void publish(EventType type, List<Outcome> outcomes) {
		Stream stream = this.streams.get(type);
		long started = System.nanoTime();
		List<CompletableFuture<?>> sends = new ArrayList<>(outcomes.size());
		for (Outcome outcome : outcomes) {
			if (outcome instanceof Outcome.Deferred) {
				continue;
			}
			Span span = this.tracing.start(outcome.delivery(), stream.confirmations());
			int first = sends.size();
			if (outcome instanceof Outcome.Accepted accepted) {
				sends.add(confirm(stream, accepted.confirmation(), accepted.delivery().envelope(), span));
			}
			else if (outcome instanceof Outcome.Rejected rejected) {
				sends.add(confirm(stream, rejected.confirmation(), rejected.delivery().envelope(), span));
				sends.add(this.deadLetters.send(stream.deadLetters(), rejected.delivery(), rejected.code().name(),
						rejected.confirmation().reason().message(), span));
			}
			else if (outcome instanceof Outcome.Unreadable unreadable) {
				sends.add(this.deadLetters.send(stream.deadLetters(), unreadable.delivery(), DeadLetters.UNREADABLE,
						unreadable.problem(), span));
			}
			if (span != null) {
				this.tracing.endWhenSent(span, sends.subList(first, sends.size()));
			}
		}
		await(sends);
		this.publishDurations.get(type).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		this.counters.count(type, outcomes);
	}

	/** In the envelope its input came in (a parked session's is kept with it). */
	private CompletableFuture<?> confirm(Stream stream, Confirmation confirmation, Envelope envelope, Span span) {
		byte[] key = confirmation.eventId().toString().getBytes(StandardCharsets.UTF_8);
		RecordHeaders headers = new RecordHeaders();
		byte[] value = this.cloudEvents.value(confirmation, this.json.write(confirmation), envelope, headers);
		if (span != null) {
			this.tracing.inject(span, headers);
		}
		return this.template.send(new ProducerRecord<>(stream.confirmations(), null, key, value, headers));
	}

	private void await(List<CompletableFuture<?>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.sendTimeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutcomesNotPublishedException("interrupted while waiting for the broker", ex);
		}
		catch (ExecutionException ex) {
			this.publishFailures.increment();
			throw new OutcomesNotPublishedException("the broker did not acknowledge: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			this.publishFailures.increment();
			throw new OutcomesNotPublishedException("no acknowledgement within " + this.sendTimeoutMillis + " ms", ex);
		}
	}

}
