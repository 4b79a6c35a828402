package com.studytracker.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 11's concurrent read load: about {@code rate} requests per second against the
 * read API, open loop (a request is sent on schedule whether or not earlier ones have
 * answered, so a slow service does not lower the offered load), until {@link #stop()}.
 * A mix of {@code GET /topics/{id}/summary}, {@code GET /topics/{id}/sessions} (every
 * other one within a random month of the last three years) and {@code GET
 * /topics?prefix=}, topics drawn at random from the ids given. JDK only, so it also runs
 * as {@code java ReadLoad.java <baseUrl> <rate> <seconds> <firstId> <lastId>
 * [summary,sessions,topics weights]}.
 */
public final class ReadLoad {

	// Blocking HttpURLConnection (HTTP/1.1, keep-alive) on a pool of senders: the JDK's
	// HttpClient cost the benchmark JVM about 1 ms of CPU per request, which on 2 shared
	// cores was taken from the service being measured.
	private static final int SENDERS = 64;

	/** What a request reads. */
	public enum Kind {

		SUMMARY, SESSIONS, TOPICS

	}

	/** Latencies in milliseconds; errors are non-2xx answers and failed requests. */
	public record Result(int requests, int errors, double p50Millis, double p99Millis, Map<Kind, Result> byKind) {

		@Override
		public String toString() {
			return String.format("%d requests, %d errors, p50 %.1f ms, p99 %.1f ms %s", this.requests, this.errors,
					this.p50Millis, this.p99Millis, (this.byKind != null) ? this.byKind : "");
		}

	}

	static {
		// Connections kept alive per server (the JDK's default is 5): one per sender.
		if (System.getProperty("http.maxConnections") == null) {
			System.setProperty("http.maxConnections", Integer.toString(SENDERS));
		}
	}

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "read-load");
		thread.setDaemon(true);
		return thread;
	});

	private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, (task) -> {
		Thread thread = new Thread(task, "read-load-sender");
		thread.setDaemon(true);
		return thread;
	});

	private final String baseUrl;

	private final List<Integer> topicIds;

	private final List<String> prefixes;

	private final int[] weights;

	private final Map<Kind, List<Long>> latencies = new EnumMap<>(Kind.class);

	private final Map<Kind, AtomicInteger> errors = new EnumMap<>(Kind.class);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger sent = new AtomicInteger();

	private ReadLoad(String baseUrl, List<Integer> topicIds, List<String> prefixes, int[] weights) {
		this.baseUrl = baseUrl.replaceAll("/$", "");
		this.topicIds = List.copyOf(topicIds);
		this.prefixes = prefixes.isEmpty() ? List.of("") : List.copyOf(prefixes);
		this.weights = weights.clone();
		for (Kind kind : Kind.values()) {
			this.latencies.put(kind, new ArrayList<>());
			this.errors.put(kind, new AtomicInteger());
		}
	}

	/** Starts the default mix: 40% summaries, 40% session pages, 20% topic listings. */
	public static ReadLoad start(String baseUrl, List<Integer> topicIds, List<String> prefixes, double rate) {
		return start(baseUrl, topicIds, prefixes, rate, new int[] { 40, 40, 20 });
	}

	/**
	 * Starts {@code rate} requests/s with these weights of summary, sessions, topics.
	 */
	public static ReadLoad start(String baseUrl, List<Integer> topicIds, List<String> prefixes, double rate,
			int[] weights) {
		ReadLoad load = new ReadLoad(baseUrl, topicIds, prefixes, weights);
		long periodNanos = (long) (1_000_000_000L / rate);
		load.scheduler.scheduleAtFixedRate(load::sendOne, 0, periodNanos, TimeUnit.NANOSECONDS);
		return load;
	}

	/** Stops sending, waits up to 10 s for answers in flight, and returns the figures. */
	public Result stop() throws InterruptedException {
		this.scheduler.shutdownNow();
		this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
		this.senders.shutdown();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		Map<Kind, Result> byKind = new EnumMap<>(Kind.class);
		List<Long> all = new ArrayList<>();
		int allErrors = 0;
		for (Kind kind : Kind.values()) {
			List<Long> kindLatencies;
			synchronized (this.latencies) {
				kindLatencies = new ArrayList<>(this.latencies.get(kind));
			}
			int kindErrors = this.errors.get(kind).get();
			byKind.put(kind, summarize(kindLatencies, kindErrors, null));
			all.addAll(kindLatencies);
			allErrors += kindErrors;
		}
		return summarize(all, allErrors, byKind);
	}

	/** Requests sent so far. */
	public int sent() {
		return this.sent.get();
	}

	private void sendOne() {
		Kind kind = pick();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int topic = this.topicIds.get(random.nextInt(this.topicIds.size()));
		String path = switch (kind) {
			case SUMMARY -> "/topics/" + topic + "/summary";
			case SESSIONS -> "/topics/" + topic + "/sessions" + (random.nextBoolean() ? "" : month(random));
			case TOPICS -> "/topics?prefix="
					+ URLEncoder.encode(this.prefixes.get(random.nextInt(this.prefixes.size())), StandardCharsets.UTF_8);
		};
		// Open loop: the latency counts from the scheduled send, including a wait for a free
		// sender.
		long start = System.nanoTime();
		this.sent.incrementAndGet();
		this.inFlight.incrementAndGet();
		this.senders.execute(() -> {
			boolean ok = get(this.baseUrl + path);
			long micros = (System.nanoTime() - start) / 1000;
			this.inFlight.decrementAndGet();
			if (!ok) {
				this.errors.get(kind).incrementAndGet();
			}
			else {
				synchronized (this.latencies) {
					this.latencies.get(kind).add(micros);
				}
			}
		});
	}

	/** True for a 2xx answer; the body is read to the end so the connection is kept. */
	private static boolean get(String url) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
			connection.setConnectTimeout(5_000);
			connection.setReadTimeout(10_000);
			int status = connection.getResponseCode();
			try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				if (body != null) {
					body.transferTo(OutputStream.nullOutputStream());
				}
			}
			return status / 100 == 2;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Kind pick() {
		int total = this.weights[0] + this.weights[1] + this.weights[2];
		int draw = ThreadLocalRandom.current().nextInt(total);
		return (draw < this.weights[0]) ? Kind.SUMMARY
				: (draw < this.weights[0] + this.weights[1]) ? Kind.SESSIONS : Kind.TOPICS;
	}

	private static String month(ThreadLocalRandom random) {
		LocalDate from = LocalDate.now().minusDays(random.nextInt(3 * 365)).withDayOfMonth(1);
		return "?from=" + from + "&to=" + from.plusMonths(1).minusDays(1);
	}

	private static Result summarize(List<Long> micros, int errors, Map<Kind, Result> byKind) {
		long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
		return new Result(sorted.length + errors, errors, percentile(sorted, 0.50), percentile(sorted, 0.99), byKind);
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1000.0;
	}

	/** Standalone: prints the figures after {@code seconds} of load. */
	public static void main(String[] args) throws InterruptedException {
		String baseUrl = args[0];
		double rate = Double.parseDouble(args[1]);
		int seconds = Integer.parseInt(args[2]);
		List<Integer> ids = new ArrayList<>();
		for (int id = Integer.parseInt(args[3]); id <= Integer.parseInt(args[4]); id++) {
			ids.add(id);
		}
		int[] weights = (args.length > 5) ? java.util.Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt)
			.toArray() : new int[] { 40, 40, 20 };
		List<String> prefixes = (args.length > 6) ? List.of(args[6].split(",")) : List.of("");
		ReadLoad load = start(baseUrl, ids, prefixes, rate, weights);
		Thread.sleep(seconds * 1000L);
		System.out.println(load.stop());
	}

}
