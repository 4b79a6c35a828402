package com.studytracker.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.studytracker.StudyTrackerProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the HTTP API at a lower CPU priority than ingestion (issue 11: reads must not
 * slow it). The first time a request thread serves a request, it raises its own Linux
 * nice value to {@code studytracker.reads.thread-nice} (10 by default; the Kafka
 * listeners stay at 0). Among the service's own runnable threads the scheduler then gives
 * a listener about nine times the CPU of a request thread; on an idle CPU a read is as
 * fast as before. The nice value of a thread id applies to that thread alone
 * (setpriority(2) on Linux), and raising it needs no privilege. It orders threads within
 * the process's scheduling group (its container, or its session under autogroup), not
 * against other processes such as a PostgreSQL on the same cores (docs/read-api.md). Java
 * 17 cannot call setpriority, so util-linux's {@code renice} does it, once per thread
 * (Tomcat keeps its threads). Where that fails (another OS, no renice) one warning is
 * logged and requests run at normal priority.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestThreadPriority extends OncePerRequestFilter {

	private static final Log log = LogFactory.getLog(RequestThreadPriority.class);

	private final int nice;

	private final ThreadLocal<Boolean> lowered = ThreadLocal.withInitial(() -> false);

	private volatile boolean unavailable;

	RequestThreadPriority(StudyTrackerProperties properties) {
		this.nice = properties.reads().threadNice();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.nice > 0 && !this.unavailable && !this.lowered.get()) {
			this.lowered.set(true);
			lowerThisThread();
		}
		chain.doFilter(request, response);
	}

	private void lowerThisThread() {
		try {
			// "<pid>/task/<tid>"
			String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
			Process renice = new ProcessBuilder("renice", "-n", Integer.toString(this.nice), "-p", tid)
				.redirectErrorStream(true)
				.start();
			String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (renice.waitFor() != 0) {
				giveUp("renice exited with " + renice.exitValue() + ": " + output);
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			giveUp(ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void giveUp(String reason) {
		if (!this.unavailable) {
			this.unavailable = true;
			log.warn("HTTP requests run at normal CPU priority, beside ingestion (studytracker.reads.thread-nice="
					+ this.nice + " needs Linux and renice): " + reason);
		}
	}

}
