package com.studytracker.generated;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.studytracker.IntegrationTest;
import com.studytracker.contract.EventType;
import com.studytracker.generated.EventGenerators.PoolTopic;
import com.studytracker.generated.Generators.Gen;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.EmptyResultDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated events over the whole input space, through the real broker and database. For
 * each one: ACCEPTED and stored exactly as sent, with every redelivery or equivalent
 * re-send confirmed byte-identically; or REJECTED with its precise reason; or
 * dead-lettered as unreadable; and every partition keeps flowing.
 *
 * <p>
 * CI size: {@code -Dproperties.tries} events per stream (default 150); reproduce a run
 * with {@code -Dproperties.seed=<seed printed at the start>} (see {@link Generators}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedTrafficTest extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(GeneratedTrafficTest.class);

	private static final int TRIES = Generators.tries(150);

	private static final long SEED = Generators.SEED;

	private static final int PARTITIONS = 6;

	private final Map<String, List<String>> failures = new TreeMap<>();

	private Traffic traffic;

	private List<PoolTopic> pool;

	@BeforeEach
	void startTraffic() {
		this.traffic = new Traffic(this.broker.getBrokersAsString(),
				List.of(TOPIC_CONFIRMATIONS, SESSION_CONFIRMATIONS), List.of(TOPIC_DEAD_LETTERS, SESSION_DEAD_LETTERS));
	}

	@AfterEach
	void stopTraffic() {
		this.traffic.close();
	}

	@Test
	@Order(1)
	void everyGeneratedEventIsStoredAsSentOrRejectedPreciselyAndEveryResendIsConfirmedIdentically() {
		log.info("Generated traffic: {} events per stream, seed {} (-Dproperties.seed={})", TRIES, SEED, SEED);
		Random random = new Random(SEED);
		SplittableRandom generation = Generators.random("GeneratedTrafficTest");
		this.pool = createPool(4);
		EventGenerators generators = new EventGenerators(this.pool);
		List<GeneratedEvent> events = new ArrayList<>();
		events.addAll(generate(generators.any(EventType.TOPIC_CREATED), TRIES, generation));
		events.addAll(generate(generators.any(EventType.SESSION_LOGGED), TRIES, generation));
		events.addAll(generate(generators.oversized(EventType.SESSION_LOGGED), 1, generation));
		java.util.Collections.shuffle(events, random);

		// Round 1: every event, some sent twice in a row (a producer retry); a session
		// waiting for its topic always, so that a copy arrives while the first waits.
		List<Sent> round1 = new ArrayList<>();
		for (GeneratedEvent event : events) {
			round1.add(send(event, random));
			boolean waits = event.expected().outcome() == Expected.Outcome.UNKNOWN_TOPIC
					&& event.content().topicEventId() != null;
			if (event.expected().outcome() != Expected.Outcome.UNREADABLE && (random.nextInt(10) == 0 || waits)) {
				round1.add(send(event, random));
			}
		}
		List<Sent> canaries = sendCanaries(random);
		awaitSettled(round1, canaries);
		check(round1, canaries);

		// Round 2: re-send what was read (same bytes), accepted events also written
		// differently.
		List<Sent> round2 = new ArrayList<>(round1);
		for (GeneratedEvent event : events) {
			if (event.expected().outcome() == Expected.Outcome.UNREADABLE) {
				continue;
			}
			round2.add(send(event, random));
			if (accepted(event)) {
				round2.add(send(event.rewritten(random), random));
			}
		}
		canaries.addAll(sendCanaries(random));
		awaitSettled(round2, canaries);
		check(round2, canaries);

		// Round 3: the same eventId with other content.
		List<Sent> conflicts = new ArrayList<>();
		for (GeneratedEvent event : events) {
			if (accepted(event) && random.nextInt(5) == 0) {
				conflicts.add(send(event.conflicting(random), random));
			}
		}
		awaitSettled(concat(round2, conflicts), List.of());
		checkConflicts(conflicts);

		assertThat(report()).isEmpty();
	}

	/**
	 * A name padded with whitespace to 600 characters as sent is stored as sent; padded
	 * beyond (up to the 1 MiB record limit) it is rejected INVALID_EVENT at /name, and
	 * never wedges its partition.
	 */
	@Test
	@Order(2)
	void aWhitespacePaddedNameIsStoredUpTo600CharactersAsSentAndRejectedBeyondAndItsPartitionKeepsFlowing() {
		Random random = new Random(SEED);
		this.pool = (this.pool != null) ? this.pool : createPool(1);
		// 600,000 stays under the 1 MiB record limit even with escapes (~10% of
		// characters as \u0020).
		int[] sizes = { 600, 601, 3_000, 100_000, 600_000 };
		List<Sent> padded = new ArrayList<>();
		for (int i = 0; i < sizes.length; i++) {
			StringBuilder padding = new StringBuilder();
			String core = "Padded " + i;
			for (int j = core.length(); j < sizes[i]; j++) {
				padding.append(" \t\n\r\f\u000b".charAt((i < 3) ? random.nextInt(6) : 0));
			}
			String name = core + padding;
			UUID eventId = UUID.randomUUID();
			GeneratedEvent event = new GeneratedEvent(EventType.TOPIC_CREATED, "name padded with " + sizes[i],
					new GeneratedEvent.Content(eventId.toString(), new Stamp(2026, 11, 25, 9, 30, 0, "", 'T', "Z"),
							name, null, null, null, null, null, null),
					new GeneratedEvent.Shape(false, Map.of(), 1), Map.of(), null,
					(sizes[i] <= 600) ? Expected.accepted() : Expected.invalid("/name"));
			padded.add(new Sent(event, Traffic.await(this.traffic.send(TOPICS, i, null, event.value()))));
		}
		List<Sent> canaries = sendCanaries(random);
		awaitSettled(padded, canaries);
		check(padded, canaries);

		assertThat(report()).isEmpty();
	}

	// ---- sending
	// -------------------------------------------------------------------------

	record Sent(GeneratedEvent event, RecordMetadata metadata) {
	}

	private static List<GeneratedEvent> generate(Gen<GeneratedEvent> gen, int count, SplittableRandom random) {
		List<GeneratedEvent> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			events.add(gen.next(random.split()));
		}
		return events;
	}

	private Sent send(GeneratedEvent event, Random random) {
		String stream = (event.type() == EventType.TOPIC_CREATED) ? TOPICS : SESSIONS;
		String key = switch (random.nextInt(4)) {
			case 0 -> null;
			case 1 -> UUID.randomUUID().toString();
			default ->
				(event.content().topicEventId() != null) ? event.content().topicEventId() : event.content().eventId();
		};
		Future<RecordMetadata> sent = this.traffic.send(stream, null,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, event.value());
		return new Sent(event, Traffic.await(sent));
	}

	private List<PoolTopic> createPool(int size) {
		List<Sent> sent = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			UUID eventId = UUID.randomUUID();
			sent.add(send(new GeneratedEvent(EventType.TOPIC_CREATED, "pool topic",
					new GeneratedEvent.Content(eventId.toString(), new Stamp(2026, 11, 25, 9, 30, 0, "", 'T', "Z"),
							"Pool topic " + i, null, null, null, null, null, null),
					new GeneratedEvent.Shape(false, Map.of(), i), Map.of(), null, Expected.accepted()), new Random(i)));
		}
		awaitSettled(sent, List.of());
		return sent.stream().map(s -> {
			UUID eventId = s.event().eventId();
			JsonNode confirmation = Traffic
				.json(this.traffic.confirmations(TOPIC_CONFIRMATIONS, eventId.toString()).get(0));
			return new PoolTopic(eventId, confirmation.get("topicId").asInt());
		}).toList();
	}

	/** A good event on every partition of both streams, after everything else. */
	private List<Sent> sendCanaries(Random random) {
		List<Sent> canaries = new ArrayList<>();
		for (int partition = 0; partition < PARTITIONS; partition++) {
			UUID topic = UUID.randomUUID();
			GeneratedEvent topicEvent = new GeneratedEvent(EventType.TOPIC_CREATED, "canary",
					new GeneratedEvent.Content(topic.toString(), new Stamp(2026, 11, 25, 9, 30, 0, "", 'T', "Z"),
							"Canary", null, null, null, null, null, null),
					new GeneratedEvent.Shape(false, Map.of(), random.nextLong()), Map.of(), null, Expected.accepted());
			canaries.add(new Sent(topicEvent,
					Traffic.await(this.traffic.send(TOPICS, partition, null, topicEvent.value()))));
			if (this.pool != null && !this.pool.isEmpty()) {
				GeneratedEvent session = new GeneratedEvent(EventType.SESSION_LOGGED, "canary",
						new GeneratedEvent.Content(UUID.randomUUID().toString(),
								new Stamp(2026, 11, 25, 9, 30, 0, "", 'T', "Z"), null, null, this.pool.get(0).id(),
								null, null, new JsonText.Raw("30"), null),
						new GeneratedEvent.Shape(false, Map.of(), random.nextLong()), Map.of(), null,
						Expected.accepted());
				canaries.add(new Sent(session,
						Traffic.await(this.traffic.send(SESSIONS, partition, null, session.value()))));
			}
		}
		return canaries;
	}

	// ---- waiting
	// -------------------------------------------------------------------------

	private void awaitSettled(List<Sent> sent, List<Sent> canaries) {
		List<Sent> all = concat(sent, canaries);
		long deadline = System.currentTimeMillis() + 30_000 + 20L * all.size();
		Map<String, Long> sends = all.stream()
			.collect(Collectors.groupingBy(s -> s.event().type() + "/" + s.event().canonicalEventId(),
					Collectors.counting()));
		java.util.function.Predicate<Sent> settled = s -> settled(s,
				sends.get(s.event().type() + "/" + s.event().canonicalEventId()));
		try {
			Awaitility.await()
				.atMost(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> all.stream().allMatch(settled));
		}
		catch (ConditionTimeoutException ex) {
			// Reported below, record by record, as the invariants they break.
		}
		long unsettled = all.stream().filter(settled.negate()).count();
		if (unsettled > 0) {
			log.warn("{} of {} records have no outcome after the deadline", unsettled, all.size());
		}
	}

	private boolean settled(Sent sent, long sends) {
		GeneratedEvent event = sent.event();
		if (event.expected().outcome() == Expected.Outcome.UNREADABLE) {
			return !this.traffic.deadLetters(sent.metadata()).isEmpty();
		}
		return confirmations(event).size() >= sends;
	}

	// ---- checking
	// ------------------------------------------------------------------------

	private void check(List<Sent> sent, List<Sent> canaries) {
		for (Sent canary : canaries) {
			if (confirmations(canary.event()).isEmpty()) {
				fail("partition stopped flowing: a good event sent after the others got no confirmation", canary,
						"partition " + canary.metadata().partition());
			}
		}
		Map<String, List<Sent>> byEventId = new LinkedHashMap<>();
		for (Sent s : sent) {
			GeneratedEvent event = s.event();
			if (event.expected().outcome() == Expected.Outcome.UNREADABLE) {
				checkUnreadable(s);
			}
			else {
				byEventId.computeIfAbsent(event.type() + "/" + event.canonicalEventId(), k -> new ArrayList<>()).add(s);
			}
		}
		byEventId.values().forEach(this::checkConfirmed);
		log.info("Checked {} records ({} eventIds confirmed): outcomes {}", sent.size(), byEventId.size(),
				observedOutcomes(sent));
	}

	/** What the service did, by outcome and code: shows a run is not vacuous. */
	private Map<String, Long> observedOutcomes(List<Sent> sent) {
		return sent.stream().map((s) -> {
			List<ConsumerRecord<byte[], byte[]>> confirmations = confirmations(s.event());
			if (confirmations.isEmpty()) {
				List<ConsumerRecord<byte[], byte[]>> deadLetters = this.traffic.deadLetters(s.metadata());
				return deadLetters.isEmpty() ? "none"
						: "dead letter " + Traffic.header(deadLetters.get(0), "studytracker-rejection-code");
			}
			JsonNode json = Traffic.json(confirmations.get(0));
			return json.get("status").asString()
					+ (json.has("reason") ? " " + json.get("reason").get("code").asString() : "");
		}).collect(Collectors.groupingBy((outcome) -> outcome, TreeMap::new, Collectors.counting()));
	}

	private void checkUnreadable(Sent sent) {
		List<ConsumerRecord<byte[], byte[]>> deadLetters = this.traffic.deadLetters(sent.metadata());
		if (deadLetters.isEmpty()) {
			fail("unreadable record was not dead-lettered", sent, "");
			return;
		}
		ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
		if (!"UNREADABLE".equals(Traffic.header(deadLetter, "studytracker-rejection-code"))) {
			fail("unreadable record dead-lettered with another code", sent,
					Traffic.header(deadLetter, "studytracker-rejection-code"));
		}
		if (deadLetter.value() != null && !Arrays.equals(deadLetter.value(), sent.event().value())) {
			fail("dead letter does not keep the original bytes", sent, "");
		}
		if (sent.event().canonicalEventId() != null && !confirmations(sent.event()).isEmpty()) {
			fail("unreadable record was confirmed", sent,
					new String(confirmations(sent.event()).get(0).value(), StandardCharsets.UTF_8));
		}
	}

	/** All sends of one eventId: one outcome, confirmed byte-identically every time. */
	private void checkConfirmed(List<Sent> sends) {
		Sent first = sends.get(0);
		GeneratedEvent event = first.event();
		List<ConsumerRecord<byte[], byte[]>> confirmations = confirmations(event);
		if (confirmations.isEmpty()) {
			List<ConsumerRecord<byte[], byte[]>> deadLetters = this.traffic.deadLetters(first.metadata());
			fail("no confirmation", first, deadLetters.isEmpty() ? "not dead-lettered either"
					: "dead-lettered as " + Traffic.header(deadLetters.get(0), "studytracker-rejection-code"));
			return;
		}
		if (confirmations.size() < sends.size()) {
			fail("fewer confirmations than sends", first, confirmations.size() + " for " + sends.size() + " sends");
		}
		byte[] firstBytes = confirmations.get(0).value();
		for (ConsumerRecord<byte[], byte[]> confirmation : confirmations) {
			if (!Arrays.equals(confirmation.value(), firstBytes)) {
				Sent culprit = sends.stream()
					.filter(s -> s.event().label().contains("rewritten"))
					.findFirst()
					.orElse(sends.get(sends.size() - 1));
				fail("re-sent event got a different confirmation", culprit,
						utf8(firstBytes) + " then " + utf8(confirmation.value()));
				break;
			}
			if (!Arrays.equals(confirmation.key(), event.canonicalEventId().getBytes(StandardCharsets.UTF_8))) {
				fail("confirmation key is not the canonical eventId", first,
						"key " + ((confirmation.key() != null) ? utf8(confirmation.key()) : null));
				break;
			}
		}
		JsonNode json = Traffic.json(confirmations.get(0));
		if (!event.canonicalEventId().equals(json.get("eventId").asString())) {
			fail("confirmation's eventId is not the lowercase form of the sent one", first,
					json.get("eventId").asString());
		}
		String status = json.get("status").asString();
		String code = json.has("reason") ? json.get("reason").get("code").asString() : null;
		Expected expected = event.expected();
		switch (expected.outcome()) {
			case ACCEPTED -> {
				if (!"ACCEPTED".equals(status)) {
					fail("valid event not accepted", first, utf8(firstBytes));
				}
				else {
					checkStored(first, json);
				}
			}
			case INVALID -> checkRejected(first, json, "INVALID_EVENT", expected.pointers());
			case UNKNOWN_TOPIC -> checkRejected(first, json, "UNKNOWN_TOPIC", null);
			default -> throw new IllegalStateException();
		}
		if ("REJECTED".equals(status)) {
			for (Sent sent : sends) {
				List<ConsumerRecord<byte[], byte[]>> deadLetters = this.traffic.deadLetters(sent.metadata());
				if (deadLetters.isEmpty()) {
					fail("rejected record not dead-lettered", sent, code);
				}
				else if (!Arrays.equals(deadLetters.get(0).value(), sent.event().value()) || !String.valueOf(code)
					.equals(Traffic.header(deadLetters.get(0), "studytracker-rejection-code"))) {
					fail("dead letter of a rejected record lacks its bytes or code", sent, code);
				}
			}
			if (rows(event) != 0) {
				fail("rejected event has a row", first, code);
			}
		}
	}

	private void checkRejected(Sent sent, JsonNode confirmation, String code, Set<String> pointers) {
		String actualCode = confirmation.has("reason") ? confirmation.get("reason").get("code").asString() : null;
		if (!"REJECTED".equals(confirmation.get("status").asString()) || !code.equals(actualCode)) {
			fail("expected REJECTED " + code + " but got " + confirmation.get("status").asString() + " " + actualCode,
					sent, confirmation.toString());
			return;
		}
		if (pointers != null) {
			Set<String> actual = confirmation.get("reason")
				.get("details")
				.valueStream()
				.map(d -> d.get("pointer").asString())
				.collect(Collectors.toSet());
			if (!actual.equals(pointers)) {
				fail("rejected at pointers " + actual + " instead of " + pointers, sent,
						confirmation.get("reason").toString());
			}
		}
	}

	private void checkStored(Sent sent, JsonNode confirmation) {
		GeneratedEvent event = sent.event();
		GeneratedEvent.Content c = event.content();
		Map<String, Object> row;
		try {
			row = (event.type() == EventType.TOPIC_CREATED)
					? this.jdbc.queryForMap(
							"select id, name, description, extract(epoch from occurred_at)::text as occurred,"
									+ " extract(epoch from created_at)::text as created from topics where event_id = ?",
							event.eventId())
					: this.jdbc.queryForMap("select id, topic_id, notes, duration_minutes,"
							+ " study_date - date '1970-01-01' as study_day,"
							+ " extract(epoch from occurred_at)::text as occurred,"
							+ " extract(epoch from created_at)::text as created from sessions where event_id = ?",
							event.eventId());
		}
		catch (EmptyResultDataAccessException ex) {
			fail("accepted event has no row", sent, "");
			return;
		}
		Instant occurredAt = c.occurredAt().stored();
		if (!sameInstant((String) row.get("occurred"), occurredAt)) {
			fail("occurred_at not stored as sent at microsecond precision", sent,
					"stored epoch " + row.get("occurred") + ", sent " + occurredAt);
		}
		Instant processedAt = Instant.parse(confirmation.get("processedAt").asString());
		if (!sameInstant((String) row.get("created"), processedAt)) {
			fail("processedAt is not the row's created_at", sent, row.get("created") + " vs " + processedAt);
		}
		if (event.type() == EventType.TOPIC_CREATED) {
			if (!c.name().equals(row.get("name"))) {
				fail("name not stored as sent", sent, "stored " + JsonText.visible((String) row.get("name"), 200));
			}
			if (!java.util.Objects.equals(c.description(), row.get("description"))) {
				fail("description not stored as sent", sent,
						"stored " + JsonText.visible(String.valueOf(row.get("description")), 200));
			}
			if (!row.get("id").equals(confirmation.get("topicId").asInt())) {
				fail("confirmation's topicId is not the row's id", sent, confirmation.toString());
			}
			return;
		}
		int topicId = (c.topicId() != null) ? c.topicId()
				: this.pool.stream()
					.filter(t -> t.eventId().equals(UUID.fromString(c.topicEventId())))
					.findFirst()
					.orElseThrow()
					.id();
		if (!row.get("topic_id").equals(topicId) || confirmation.get("topicId").asInt() != topicId
				|| !row.get("id").equals(confirmation.get("sessionId").asInt())) {
			fail("session stored or confirmed for another topic/id", sent, row + " " + confirmation);
		}
		if (!java.util.Objects.equals(c.notes(), row.get("notes"))) {
			fail("notes not stored as sent", sent, "stored " + JsonText.visible(String.valueOf(row.get("notes")), 200));
		}
		if (!row.get("duration_minutes").equals(c.durationValue())) {
			fail("duration not stored as sent", sent, "stored " + row.get("duration_minutes"));
		}
		if (((Number) row.get("study_day")).longValue() != c.effectiveStudyDate().toEpochDay()) {
			fail("study_date not the given date or the UTC date of occurredAt", sent,
					"stored epoch day " + row.get("study_day") + ", expected " + c.effectiveStudyDate());
		}
	}

	private void checkConflicts(List<Sent> conflicts) {
		for (Sent sent : conflicts) {
			List<ConsumerRecord<byte[], byte[]>> confirmations = confirmations(sent.event());
			JsonNode last = Traffic.json(confirmations.get(confirmations.size() - 1));
			boolean rejected = confirmations.stream()
				.map(Traffic::json)
				.anyMatch(json -> json.has("reason")
						&& "EVENT_ID_CONFLICT".equals(json.get("reason").get("code").asString()));
			if (!rejected) {
				fail("same eventId with other content not rejected EVENT_ID_CONFLICT", sent, last.toString());
			}
		}
	}

	// ---- helpers
	// -------------------------------------------------------------------------

	private boolean accepted(GeneratedEvent event) {
		List<ConsumerRecord<byte[], byte[]>> confirmations = confirmations(event);
		return !confirmations.isEmpty()
				&& "ACCEPTED".equals(Traffic.json(confirmations.get(0)).get("status").asString());
	}

	private List<ConsumerRecord<byte[], byte[]>> confirmations(GeneratedEvent event) {
		if (event.canonicalEventId() == null) {
			return List.of();
		}
		return this.traffic.confirmations(
				(event.type() == EventType.TOPIC_CREATED) ? TOPIC_CONFIRMATIONS : SESSION_CONFIRMATIONS,
				event.canonicalEventId());
	}

	private int rows(GeneratedEvent event) {
		return rowsWithEventId((event.type() == EventType.TOPIC_CREATED) ? "topics" : "sessions", event.eventId());
	}

	private static boolean sameInstant(String epoch, Instant expected) {
		BigDecimal stored = new BigDecimal(epoch);
		BigDecimal sent = BigDecimal.valueOf(expected.getEpochSecond()).add(BigDecimal.valueOf(expected.getNano(), 9));
		return stored.compareTo(sent) == 0;
	}

	private void fail(String invariant, Sent sent, String detail) {
		Stamp at = sent.event().content().occurredAt();
		if (at != null && (invariant.contains("occurred") || invariant.contains("different confirmation"))) {
			// Tells apart the likely causes.
			invariant += (at.fraction().length() > 6) ? " [occurredAt with more than 6 fractional digits]"
					: (at.stored() != null && at.stored().atOffset(java.time.ZoneOffset.UTC).getYear() > 9999)
							? " [occurredAt after 9999 in UTC]" : " [other]";
		}
		this.failures.computeIfAbsent(invariant, k -> new ArrayList<>())
			.add(sent.event().describe() + ((detail.isEmpty()) ? "" : "\n      -> " + JsonText.visible(detail, 600)));
	}

	/** Each broken invariant once, with how often and its shortest example. */
	private String report() {
		StringBuilder report = new StringBuilder();
		this.failures.forEach((invariant, examples) -> {
			report.append("\n* ")
				.append(invariant)
				.append(" (")
				.append(examples.size())
				.append("x), shortest: ")
				.append(examples.stream().min(Comparator.comparingInt(String::length)).orElseThrow());
		});
		if (!report.isEmpty()) {
			report.insert(0, "seed " + SEED + " (-Dproperties.seed=" + SEED + "):");
			log.error("Broken invariants:{}", report);
		}
		return report.toString();
	}

	private static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static <T> List<T> concat(List<T> a, List<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
