package com.studytracker.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.studytracker.StudyTrackerProperties;
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
		Thread server = new Thread(() -> {
			try {
				filter.doFilter(new MockHttpServletRequest("GET", "/topics"), new MockHttpServletResponse(),
						new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
							@Override
							protected void service(jakarta.servlet.http.HttpServletRequest req,
									jakarta.servlet.http.HttpServletResponse res) {
								niceInRequest.set(niceOfThisThread());
							}
						}));
				filter.doFilter(new MockHttpServletRequest("GET", "/topics"), new MockHttpServletResponse(),
						new MockFilterChain());
				niceOfSecondRequest.set(niceOfThisThread());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		server.start();
		server.join(Duration.ofSeconds(10).toMillis());

		assertThat(niceInRequest).hasValue(7);
		assertThat(niceOfSecondRequest).hasValue(7);
		assertThat(niceOfThisThread()).isZero();
	}

	@Test
	void zeroLeavesThePriorityAlone() throws Exception {
		RequestThreadPriority filter = new RequestThreadPriority(properties(0));
		AtomicInteger nice = new AtomicInteger(-1);
		Thread server = new Thread(() -> {
			try {
				filter.doFilter(new MockHttpServletRequest("GET", "/topics"), new MockHttpServletResponse(),
						new MockFilterChain());
				nice.set(niceOfThisThread());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		server.start();
		server.join(Duration.ofSeconds(10).toMillis());

		assertThat(nice).hasValue(0);
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
