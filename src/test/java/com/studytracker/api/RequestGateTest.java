package com.studytracker.api;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.studytracker.StudyTrackerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At most max-concurrent requests in progress; one more waits max-wait, then gets 503.
 */
class RequestGateTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RequestGate gate = new RequestGate(properties(1, Duration.ofMillis(200)), this.json, this.meters);

	@Test
	void aRequestBeyondTheLimitIsAnswered503AfterMaxWaitAndLaterOnesAreServedAgain() throws Exception {
		CountDownLatch inProgress = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		MockHttpServletResponse first = new MockHttpServletResponse();
		Thread holder = new Thread(() -> serve(first, new HttpServlet() {
			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response) {
				inProgress.countDown();
				await(release);
				response.setStatus(200);
			}
		}));
		holder.start();
		assertThat(inProgress.await(10, TimeUnit.SECONDS)).isTrue();

		long start = System.nanoTime();
		MockHttpServletResponse refused = serve(new MockHttpServletResponse(), null);
		long waitedMillis = (System.nanoTime() - start) / 1_000_000;

		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(waitedMillis).isGreaterThanOrEqualTo(190);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = this.json.readTree(refused.getContentAsByteArray());
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("title").asString()).isEqualTo("Service Unavailable");
		assertThat(problem.get("instance").asString()).isEqualTo("/topics/7/summary");
		assertThat(problem.get("detail").asString()).contains("retry");
		assertThat(this.meters.counter("studytracker.http.requests.shed").count()).isEqualTo(1);

		release.countDown();
		holder.join(10_000);
		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(serve(new MockHttpServletResponse(), null).getStatus()).isEqualTo(200);
		assertThat(this.meters.counter("studytracker.http.requests.shed").count()).isEqualTo(1);
	}

	@Test
	void aRequestThatFailsStillGivesItsPermitBack() {
		MockHttpServletResponse failed = new MockHttpServletResponse();
		try {
			serve(failed, new HttpServlet() {
				@Override
				protected void service(HttpServletRequest request, HttpServletResponse response) {
					throw new IllegalStateException("handler failed");
				}
			});
		}
		catch (IllegalStateException expected) {
			// the container's error handling takes it from here
		}

		assertThat(serve(new MockHttpServletResponse(), null).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse serve(MockHttpServletResponse response, HttpServlet servlet) {
		try {
			this.gate.doFilter(new MockHttpServletRequest("GET", "/topics/7/summary"), response,
					(servlet != null) ? new MockFilterChain(servlet) : new MockFilterChain());
			return response;
		}
		catch (java.io.IOException | jakarta.servlet.ServletException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static StudyTrackerProperties properties(int maxConcurrent, Duration maxWait) {
		return new StudyTrackerProperties(null, null, null, null, null, null,
				new StudyTrackerProperties.Reads(50, 500, 0, maxConcurrent, maxWait));
	}

}
