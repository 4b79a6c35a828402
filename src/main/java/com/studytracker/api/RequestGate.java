package com.studytracker.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.studytracker.StudyTrackerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the HTTP API's requests in progress to
 * {@code studytracker.reads.max-concurrent}. A request that finds them all taken waits up
 * to {@code max-wait}, then is answered {@code 503} (problem details,
 * {@code Retry-After: 1}) instead of queueing without bound: request threads run at a
 * lower priority than ingestion ({@link RequestThreadPriority}), so under a full backlog
 * reads beyond what the leftover CPU serves are shed, quickly and visibly
 * ({@code studytracker.http.requests.shed}), rather than timing out.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestGate extends OncePerRequestFilter {

	private final Semaphore permits;

	private final long maxWaitNanos;

	private final JsonMapper json;

	private final Counter shed;

	RequestGate(StudyTrackerProperties properties, JsonMapper json, MeterRegistry meters) {
		this.permits = new Semaphore(properties.reads().maxConcurrent(), true);
		this.maxWaitNanos = properties.reads().maxWait().toNanos();
		this.json = json;
		this.shed = Counter.builder("studytracker.http.requests.shed")
			.description("HTTP API requests answered 503 because max-concurrent requests were in progress for max-wait")
			.register(meters);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean admitted;
		try {
			admitted = this.permits.tryAcquire(this.maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			this.shed.increment();
			refuse(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// As Spring MVC renders its own problems (no "type" when it is about:blank).
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
		problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
		problem.put("detail", "Too many requests in progress; retry in a second.");
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
