package com.studytracker.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.studytracker.StudyTrackerProperties;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter lowers the real OS priority of the thread that serves a request, of that
 * thread only, and once.
 */
@EnabledOnOs(OS.LINUX)
class RequestThreadPriorityTest {

	@Test
	void aRequestRunsAtTheConfiguredNiceValueAndOtherThreadsKeepTheirs() throws Exception {
		RequestThreadPriority filter = new RequestThreadPriority(properties(7));
		AtomicInteger niceInRequest = new AtomicInteger(-1);
		AtomicInteger niceOfSecondRequest = new AtomicInteger(-1);

		onNewThread(() -> {
			serve(filter, new MockFilterChain(new HttpServlet() {
				@Override
				protected void service(HttpServletRequest request, HttpServletResponse response) {
					niceInRequest.set(niceOfThisThread());
				}
			}));
			serve(filter, new MockFilterChain());
			niceOfSecondRequest.set(niceOfThisThread());
		});

		assertThat(niceInRequest).hasValue(7);
		assertThat(niceOfSecondRequest).hasValue(7);
		assertThat(niceOfThisThread()).isZero();
	}

	@Test
	void zeroLeavesThePriorityAlone() throws Exception {
		RequestThreadPriority filter = new RequestThreadPriority(properties(0));
		AtomicInteger nice = new AtomicInteger(-1);

		onNewThread(() -> {
			serve(filter, new MockFilterChain());
			nice.set(niceOfThisThread());
		});

		assertThat(nice).hasValue(0);
	}

	/**
	 * The filter lowers the thread it runs on: each test serves on a thread of its own.
	 */
	private static void onNewThread(Runnable requests) throws InterruptedException {
		Thread server = new Thread(requests);
		server.start();
		server.join(Duration.ofSeconds(10).toMillis());
	}

	private static void serve(RequestThreadPriority filter, MockFilterChain chain) {
		try {
			filter.doFilter(new MockHttpServletRequest("GET", "/topics"), new MockHttpServletResponse(), chain);
		}
		catch (IOException | ServletException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static StudyTrackerProperties properties(int threadNice) {
		return new StudyTrackerProperties(null, null, null, null, null, null,
				new StudyTrackerProperties.Reads(50, 500, threadNice, 1, Duration.ofMillis(100)));
	}

	/** Field 19 of /proc/thread-self/stat (proc(5)). */
	static int niceOfThisThread() {
		try {
			String stat = Files.readString(Path.of("/proc/thread-self/stat"));
			return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
