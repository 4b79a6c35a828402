package com.studytracker.faults;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.awaitility.core.ConditionTimeoutException;
import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.faults.LoadGenerator.Input;
import com.studytracker.faults.LoadGenerator.Kind;
import com.studytracker.faults.OutputCollector.DeadLetter;

import static org.awaitility.Awaitility.await;

/**
 * The invariant of issue 4, checked after every scenario:
 * <ul>
 * <li>exactly one row per accepted event, {@code count(*) = count(distinct event_id)},
 * nothing else stored, the text of every row equal to what was sent;</li>
 * <li>every event with a readable eventId has at least one confirmation, and all
 * confirmations of one event are byte-identical;</li>
 * <li>every bad record is in its dead-letter topic with its original key and value bytes,
 * exactly once per delivery; no good record is dead-lettered;</li>
 * <li>consumer lag back to 0 within 60 s;</li>
 * <li>every service instance still running and healthy.</li>
 * </ul>
 */
final class InvariantChecker {

	/** What a scenario expects beyond the invariant. */
	record Expectations(int deliveries, boolean exactlyOncePerDelivery) {

		/** Each record delivered once (no crash); dead letters exactly once. */
		static Expectations noRedelivery() {
			return new Expectations(1, true);
		}

		/** Crashes may redeliver: at least one confirmation / dead letter. */
		static Expectations atLeastOnce() {
			return new Expectations(1, false);
		}

	}

	record Result(String scenario, int good, int bad, long rows, long duplicates, long lost, long deadLetters,
			long unexpectedDeadLetters, long confirmations, Duration lagZeroAfter, Duration recovered,
			long maxDeadLetterMillis, List<String> violations, String notes) {

		boolean passed() {
			return this.violations.isEmpty();
		}

	}

	private static final Duration LAG_DEADLINE = Duration.ofSeconds(60);

	private InvariantChecker() {
	}

	static Result check(String scenario, FaultEnvironment env, ServiceTopics topics, LoadGenerator load,
			OutputCollector out, List<ServiceProcess> services, long faultEndNanos, Expectations expect, String notes) {
		List<String> violations = new ArrayList<>();
		Map<UUID, Input> good = load.goodByEventId();
		List<Input> bad = load.inputs().stream().filter(in -> !in.good()).toList();
		Map<UUID, Input> rejected = new HashMap<>();
		bad.stream().filter(in -> in.kind() == Kind.REJECTED).forEach(in -> rejected.put(in.eventId(), in));

		// 1. lag back to 0
		long lagStart = System.nanoTime();
		long lag;
		try {
			lag = await("consumer lag 0").atMost(LAG_DEADLINE)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> env.lag(topics), value -> value == 0);
		}
		catch (ConditionTimeoutException ex) {
			lag = env.lag(topics);
		}
		Duration lagZero = Duration.ofNanos(System.nanoTime() - Math.min(lagStart, faultEndNanos));
		if (lag != 0) {
			violations
				.add("consumer lag is " + lag + ", not 0, " + LAG_DEADLINE.toSeconds() + " s after the last fault");
		}

		// 2. outputs complete (confirmations of parked sessions may come a little after
		// the offsets)
		try {
			await("outputs complete").atMost(Duration.ofSeconds(lag == 0 ? 45 : 5))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> outputsComplete(good, rejected, bad, load, out, expect) && pendingSessions() == 0);
		}
		catch (ConditionTimeoutException ex) {
			// what is missing is reported below
		}
		Duration recovered = Duration.ofNanos(System.nanoTime() - faultEndNanos);
		ServiceProcess.sleep(1500); // let stragglers (e.g. duplicate dead letters) arrive
									// before counting

		// 3. database
		long rows = 0;
		long duplicates = 0;
		long lost = 0;
		try (Connection c = FaultEnvironment.connect(); Statement s = c.createStatement()) {
			for (String table : List.of("topics", "sessions")) {
				try (ResultSet rs = s.executeQuery("select count(*), count(distinct event_id) from " + table)) {
					rs.next();
					rows += rs.getLong(1);
					duplicates += rs.getLong(1) - rs.getLong(2);
					if (rs.getLong(1) != rs.getLong(2)) {
						violations.add(table + ": count(*) " + rs.getLong(1) + " != count(distinct event_id) "
								+ rs.getLong(2));
					}
				}
			}
			Map<UUID, Integer> seen = new HashMap<>();
			int contentMismatches = 0;
			List<String> mismatchExamples = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("select event_id, name, description from topics")) {
				while (rs.next()) {
					UUID id = rs.getObject(1, UUID.class);
					seen.merge(id, 1, Integer::sum);
					Input in = good.get(id);
					if (in != null && in.kind() == Kind.TOPIC
							&& (!Objects.equals(in.event().get("name"), rs.getString(2))
									|| !Objects.equals(in.event().get("description"), rs.getString(3)))) {
						contentMismatches++;
						example(mismatchExamples, "topic " + id + " name/description differ from what was sent");
					}
				}
			}
			try (ResultSet rs = s.executeQuery("select s.event_id, s.notes, s.duration_minutes, t.event_id "
					+ "from sessions s left join topics t on t.id = s.topic_id")) {
				while (rs.next()) {
					UUID id = rs.getObject(1, UUID.class);
					seen.merge(id, 1, Integer::sum);
					Input in = good.get(id);
					if (in != null && in.kind() == Kind.SESSION
							&& (!Objects.equals(in.event().get("notes"), rs.getString(2))
									|| !Objects.equals(in.event().get("durationMinutes"), rs.getInt(3))
									|| !Objects.equals(in.event().get("topicEventId"),
											String.valueOf(rs.getObject(4, UUID.class))))) {
						contentMismatches++;
						example(mismatchExamples, "session " + id + " notes/duration/topic differ from what was sent");
					}
				}
			}
			if (contentMismatches > 0) {
				violations.add(contentMismatches + " rows whose text does not round-trip, e.g. " + mismatchExamples);
			}
			List<String> lostExamples = new ArrayList<>();
			for (Input in : good.values()) {
				int n = seen.getOrDefault(in.eventId(), 0);
				if (n == 0) {
					lost++;
					example(lostExamples, in.kind() + " " + in.eventId());
				}
			}
			if (lost > 0) {
				violations.add(lost + " accepted events have no row (lost), e.g. " + lostExamples);
			}
			long unexpected = seen.keySet().stream().filter(id -> !good.containsKey(id)).count();
			if (unexpected > 0) {
				violations.add(unexpected + " rows for events that should not be stored");
			}
			long pending = pendingSessions(s);
			if (pending > 0) {
				violations.add(pending + " sessions still parked in pending_sessions");
			}
		}
		catch (SQLException ex) {
			violations.add("cannot read the database: " + ex.getMessage());
		}

		// 4. confirmations
		int missing = 0;
		int differing = 0;
		int wrongStatus = 0;
		List<String> examples = new ArrayList<>();
		Map<UUID, String> expectedStatus = new HashMap<>();
		good.keySet().forEach(id -> expectedStatus.put(id, "ACCEPTED"));
		rejected.keySet().forEach(id -> expectedStatus.put(id, "REJECTED"));
		for (Map.Entry<UUID, String> e : expectedStatus.entrySet()) {
			List<byte[]> confirmations = out.confirmations(e.getKey().toString());
			if (confirmations.size() < expect.deliveries()) {
				missing++;
				example(examples, "no/too few confirmations for " + e.getKey() + " (" + confirmations.size() + ")");
				continue;
			}
			byte[] first = confirmations.get(0);
			if (confirmations.stream().anyMatch(b -> !Arrays.equals(b, first))) {
				differing++;
				example(examples, "confirmations of " + e.getKey() + " differ: "
						+ confirmations.stream().map(b -> new String(b, StandardCharsets.UTF_8)).distinct().toList());
			}
			if (!new String(first, StandardCharsets.UTF_8).contains("\"status\":\"" + e.getValue() + "\"")) {
				wrongStatus++;
				example(examples,
						e.getKey() + " expected " + e.getValue() + ": " + new String(first, StandardCharsets.UTF_8));
			}
		}
		long strangers = out.allConfirmations().keySet().stream().filter(k -> {
			try {
				return !expectedStatus.containsKey(UUID.fromString(k));
			}
			catch (IllegalArgumentException ex) {
				return true;
			}
		}).count();
		if (missing > 0) {
			violations.add(missing + " events with a readable eventId lack confirmations");
		}
		if (differing > 0) {
			violations.add(differing + " events have confirmations that are not byte-identical");
		}
		if (wrongStatus > 0) {
			violations.add(wrongStatus + " events have the wrong confirmation status");
		}
		if (strangers > 0) {
			violations.add(strangers + " confirmations for unknown event ids");
		}
		if (!examples.isEmpty()) {
			violations.add("confirmation examples: " + examples);
		}

		// 5. dead letters
		List<DeadLetter> deadLetters = out.deadLetters();
		Map<String, List<DeadLetter>> byOrigin = new HashMap<>();
		for (DeadLetter d : deadLetters) {
			byOrigin
				.computeIfAbsent(d.originalTopic() + "/" + d.originalPartition() + "@" + d.originalOffset(),
						k -> new ArrayList<>())
				.add(d);
		}
		Set<String> badOrigins = new HashSet<>();
		int dlMissing = 0;
		int dlExtra = 0;
		int dlAltered = 0;
		long maxLatency = 0;
		List<String> dlExamples = new ArrayList<>();
		for (Input in : bad) {
			String origin = in.topic() + "/" + load.partition(in.index()) + "@" + load.offset(in.index());
			badOrigins.add(origin);
			List<DeadLetter> found = byOrigin.getOrDefault(origin, List.of());
			if (found.size() < expect.deliveries()) {
				dlMissing++;
				example(dlExamples, "no dead letter for '" + in.label() + "' at " + origin);
			}
			else if (expect.exactlyOncePerDelivery() && found.size() > expect.deliveries()) {
				dlExtra++;
				example(dlExamples, found.size() + " dead letters for '" + in.label() + "' at " + origin);
			}
			for (DeadLetter d : found) {
				if (!Arrays.equals(d.key(), in.key()) || !Arrays.equals(d.value(), in.value())) {
					dlAltered++;
					example(dlExamples, "dead letter of '" + in.label() + "' does not carry the original bytes");
				}
				maxLatency = Math.max(maxLatency, d.timestamp() - d.originalTimestamp());
			}
		}
		long unexpectedDl = deadLetters.stream()
			.filter(d -> !badOrigins
				.contains(d.originalTopic() + "/" + d.originalPartition() + "@" + d.originalOffset()))
			.count();
		if (dlMissing > 0) {
			violations.add(dlMissing + " bad records missing from the dead-letter topics");
		}
		if (dlExtra > 0) {
			violations.add(dlExtra + " bad records dead-lettered more than once per delivery");
		}
		if (dlAltered > 0) {
			violations.add(dlAltered + " dead letters with altered key/value bytes");
		}
		if (unexpectedDl > 0) {
			List<String> codes = deadLetters.stream()
				.filter(d -> !badOrigins
					.contains(d.originalTopic() + "/" + d.originalPartition() + "@" + d.originalOffset()))
				.map(d -> d.code() + " " + d.originalTopic() + "/" + d.originalPartition() + "@" + d.originalOffset())
				.limit(5)
				.toList();
			violations.add(unexpectedDl + " good records were dead-lettered, e.g. " + codes);
		}
		if (!dlExamples.isEmpty()) {
			violations.add("dead-letter examples: " + dlExamples);
		}

		// 6. services alive and healthy
		for (ServiceProcess service : services) {
			if (!service.isRunning()) {
				violations.add(service.name() + " is not running (exit " + service.exitCode() + ")");
				continue;
			}
			ServiceProcess.Health health = service.health();
			if (!health.up()) {
				violations.add(service.name() + " is not healthy: " + health);
			}
		}

		return new Result(scenario, good.size(), bad.size(), rows, duplicates, lost, deadLetters.size(), unexpectedDl,
				out.confirmationCount(), lagZero, recovered, maxLatency, violations, notes);
	}

	private static boolean outputsComplete(Map<UUID, Input> good, Map<UUID, Input> rejected, List<Input> bad,
			LoadGenerator load, OutputCollector out, Expectations expect) {
		for (UUID id : good.keySet()) {
			if (out.confirmations(id.toString()).size() < expect.deliveries()) {
				return false;
			}
		}
		for (UUID id : rejected.keySet()) {
			if (out.confirmations(id.toString()).size() < expect.deliveries()) {
				return false;
			}
		}
		List<DeadLetter> deadLetters = out.deadLetters();
		Map<String, Integer> counts = new HashMap<>();
		for (DeadLetter d : deadLetters) {
			counts.merge(d.originalTopic() + "/" + d.originalPartition() + "@" + d.originalOffset(), 1, Integer::sum);
		}
		for (Input in : bad) {
			if (counts.getOrDefault(in.topic() + "/" + load.partition(in.index()) + "@" + load.offset(in.index()),
					0) < expect.deliveries()) {
				return false;
			}
		}
		return true;
	}

	static long pendingSessions() {
		try (Connection c = FaultEnvironment.connect(); Statement s = c.createStatement()) {
			return pendingSessions(s);
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private static long pendingSessions(Statement s) throws SQLException {
		try (ResultSet rs = s.executeQuery("select count(*) from pending_sessions")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Rows in topics + sessions (for progress-based triggers). */
	static long storedRows() {
		try (Connection c = FaultEnvironment.connect();
				PreparedStatement s = c
					.prepareStatement("select (select count(*) from topics) + (select count(*) from sessions)");
				ResultSet rs = s.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private static void example(List<String> examples, String text) {
		if (examples.size() < 5) {
			examples.add(text);
		}
	}

}
