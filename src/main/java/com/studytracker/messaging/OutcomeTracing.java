package com.studytracker.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.studytracker.contract.Delivery;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Headers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Continues a producer's W3C trace onto the records published for its event: Spring
 * Kafka's observation does not cover batch listeners, so each traced input record gets a
 * child span around publishing its confirmation and dead letter, and that span's
 * {@code traceparent} replaces the input's on the outgoing records. A record without a
 * {@code traceparent} header costs one scan of its headers and nothing else.
 */
@Component
class OutcomeTracing {

	static final String TRACEPARENT = "traceparent";

	static final String SPAN_NAME = "studytracker publish outcome";

	private final Tracer tracer;

	private final Propagator propagator;

	OutcomeTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
	}

	/**
	 * A started child span of the record's trace, or null if the record carries no
	 * {@code traceparent}.
	 */
	Span start(Delivery delivery, String destination) {
		if (this.tracer == Tracer.NOOP || header(delivery, TRACEPARENT) == null) {
			return null;
		}
		return this.propagator.extract(delivery, OutcomeTracing::header)
			.name(SPAN_NAME)
			.kind(Span.Kind.PRODUCER)
			.tag("messaging.system", "kafka")
			.tag("messaging.destination.name", destination)
			.start();
	}

	/**
	 * Puts the span's context into outgoing headers; a header of the same name copied
	 * from the input (a dead letter keeps the input's headers) is replaced, every other
	 * one is kept.
	 */
	void inject(Span span, Headers headers) {
		Map<String, String> fields = new LinkedHashMap<>(4);
		this.propagator.inject(span.context(), fields, Map::put);
		fields.forEach((key, value) -> {
			headers.remove(key);
			headers.add(key, value.getBytes(StandardCharsets.UTF_8));
		});
	}

	/** Ends the span once every send has completed, marking it failed if one failed. */
	void endWhenSent(Span span, List<CompletableFuture<?>> sends) {
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).whenComplete((result, failure) -> {
			if (failure != null) {
				span.error(failure);
			}
			span.end();
		});
	}

	private static String header(Delivery delivery, String key) {
		String value = null;
		for (Delivery.Header header : delivery.headers()) {
			if (header.key().equals(key) && header.value() != null) {
				value = new String(header.value(), StandardCharsets.UTF_8);
			}
		}
		return value;
	}

}
