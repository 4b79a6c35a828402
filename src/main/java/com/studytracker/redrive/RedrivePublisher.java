package com.studytracker.redrive;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Re-publishes dead letters to their original input stream, awaiting the broker's
 * acknowledgements every {@value #AWAIT_EVERY} sends so that a large redrive neither
 * holds unbounded futures nor ends before its records are written.
 */
final class RedrivePublisher {

	private static final int AWAIT_EVERY = 1000;

	private final KafkaTemplate<byte[], byte[]> template;

	private final Clock clock;

	private final List<CompletableFuture<?>> sends = new ArrayList<>();

	RedrivePublisher(KafkaTemplate<byte[], byte[]> template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	/** Sends a copy of the dead letter to {@code target}, noting that it was redriven. */
	void send(ConsumerRecord<byte[], byte[]> deadLetter, String target) {
		String from = deadLetter.topic() + "-" + deadLetter.partition() + "@" + deadLetter.offset();
		this.sends.add(this.template.send(new ProducerRecord<>(target, partition(target, deadLetter), deadLetter.key(),
				deadLetter.value(), DeadLetterHeaders.redriven(deadLetter.headers(), from, this.clock.instant()))));
		if (this.sends.size() >= AWAIT_EVERY) {
			awaitAcknowledgements();
		}
	}

	/**
	 * Back to the partition it came from where that still exists, else the producer's
	 * choice by key.
	 */
	private Integer partition(String target, ConsumerRecord<byte[], byte[]> deadLetter) {
		Integer original = DeadLetterHeaders.originalPartition(deadLetter.headers());
		return (original != null && original < this.template.partitionsFor(target).size()) ? original : null;
	}

	void awaitAcknowledgements() {
		try {
			CompletableFuture.allOf(this.sends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the broker", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The broker did not acknowledge the redriven records: " + ex, ex);
		}
		this.sends.clear();
	}

}
