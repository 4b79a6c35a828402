package com.studytracker.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.studytracker.StudyTrackerProperties;
import com.studytracker.generated.EventGenerators;
import com.studytracker.generated.Expected;
import com.studytracker.generated.GeneratedEvent;
import com.studytracker.generated.Generators;
import com.studytracker.generated.Generators.Gen;
import com.studytracker.session.SessionLogged;
import com.studytracker.topic.TopicCreated;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.studytracker.generated.Generators.forAll;
import static com.studytracker.generated.Generators.oneOf;
import static com.studytracker.generated.Generators.tries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract over generated input, checked on {@link EventReader} alone (no Kafka, no
 * database): every valid event reads back exactly as sent, every defect is named by its
 * pointer, everything that is not an event is unreadable, and writing an event
 * differently never changes what is read. Seed and size: see {@link Generators}.
 */
class EventContractProperties {

	private static final EventGenerators EVENTS = new EventGenerators(
			List.of(new EventGenerators.PoolTopic(UUID.fromString("3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1f"), 42)));

	private static final JsonMapper LENIENT = JsonMapper.builder().build();

	private final EventSchemas schemas = new EventSchemas();

	private final EventReader reader = new EventReader(new StudyTrackerProperties(null, null,
			new StudyTrackerProperties.Limits(1_048_576, 32, 100), null, null, null, null));

	@Test
	void everyValidEventIsReadExactlyAsSent() {
		forAll("everyValidEventIsReadExactlyAsSent", tries(1000), valid(), GeneratedEvent::describe, (event) -> {
			Decoded<?> decoded = read(event);

			assertThat(decoded).as(event.describe()).isInstanceOf(Decoded.Valid.class);
			assertThat(contentOf(((Decoded.Valid<?>) decoded).event())).as(event.describe())
				.isEqualTo(expectedContent(event));
		});
	}

	@Test
	void everyInvalidEventIsRejectedAtExactlyItsPointers() {
		Gen<GeneratedEvent> invalid = oneOf(EVENTS.invalid(EventType.TOPIC_CREATED),
				EVENTS.invalid(EventType.SESSION_LOGGED), EVENTS.exotic(EventType.TOPIC_CREATED),
				EVENTS.exotic(EventType.SESSION_LOGGED));
		forAll("everyInvalidEventIsRejectedAtExactlyItsPointers", tries(1000), invalid, GeneratedEvent::describe,
				(event) -> {
					Decoded<?> decoded = read(event);
					if (event.expected().outcome() == Expected.Outcome.UNREADABLE) {
						assertThat(decoded).as(event.describe()).isInstanceOf(Decoded.Unreadable.class);
						return;
					}

					assertThat(decoded).as(event.describe()).isInstanceOf(Decoded.Invalid.class);
					Decoded.Invalid<?> rejected = (Decoded.Invalid<?>) decoded;
					assertThat(rejected.eventId().toString()).isEqualTo(event.canonicalEventId());
					assertThat(pointers(rejected.violations())).as(event.describe())
						.isEqualTo(event.expected().pointers());
				});
	}

	@Test
	void everyEventTheFastPathPassesIsValidByTheSchemaFilesAlone() {
		Gen<GeneratedEvent> any = oneOf(EVENTS.any(EventType.TOPIC_CREATED), EVENTS.any(EventType.SESSION_LOGGED),
				EVENTS.invalid(EventType.TOPIC_CREATED), EVENTS.invalid(EventType.SESSION_LOGGED),
				EVENTS.exotic(EventType.TOPIC_CREATED), EVENTS.exotic(EventType.SESSION_LOGGED));
		AtomicInteger passed = new AtomicInteger();
		AtomicInteger validBySchema = new AtomicInteger();
		forAll("everyEventTheFastPathPassesIsValidByTheSchemaFilesAlone", tries(2000), any, GeneratedEvent::describe,
				(event) -> {
					JsonNode tree = objectOrNull(event.value());
					if (tree == null) {
						return;
					}
					boolean valid = this.schemas.validator(event.type(), tree).isEmpty();
					if (CertainlyValid.check(event.type(), tree)) {
						passed.incrementAndGet();
						assertThat(valid).as("valid by the schema files: " + event.describe()).isTrue();
					}
					if (valid) {
						validBySchema.incrementAndGet();
					}
				});
		System.out.printf("Fast path: %d of %d events valid by the schema files%n", passed.get(), validBySchema.get());
		assertThat(passed).as("events the fast path passed").hasPositiveValue();
	}

	@Test
	void theFastPathAgreesWithTheSchemaFilesAtEveryBoundaryOfTheProducerShape() {
		int[] counts = new int[3];
		forAll("theFastPathAgreesWithTheSchemaFilesAtEveryBoundaryOfTheProducerShape", tries(5000),
				ProducerShapedEvents.samples(), ProducerShapedEvents.Sample::describe, (sample) -> {
					JsonNode tree = objectOrNull(sample.value());
					boolean valid = this.schemas.validator(sample.type(), tree).isEmpty();
					boolean fast = CertainlyValid.check(sample.type(), tree);
					if (fast) {
						assertThat(valid).as("valid by the schema files").isTrue();
					}
					counts[fast ? 0 : (valid ? 1 : 2)]++;

				});
		System.out.printf(
				"Fast path on producer-shaped events: %d passed, %d valid left to the validator, %d invalid%n",
				counts[0], counts[1], counts[2]);
		assertThat(counts[0]).as("valid events the fast path passed").isGreaterThan(counts[1]);
	}

	@Test
	void theShapeRealProducersSendTakesTheFastPath() {
		JsonNode topic = objectOrNull(("{\"eventId\":\"3F2B8C4E-9D1A-4C5E-8F00-6A7B8C9D0E1F\","
				+ "\"occurredAt\":\"2026-11-25T09:30:00.123456+01:00\",\"name\":\"  Linear algebra \","
				+ "\"description\":null,\"producer\":\"web\"}")
			.getBytes(StandardCharsets.UTF_8));
		JsonNode session = objectOrNull(("{\"eventId\":\"b80a3a8e-2f4c-4d6e-9a1b-0c2d3e4f5a6b\","
				+ "\"occurredAt\":\"2024-02-29T23:59:59Z\",\"topicEventId\":\"3f2b8c4e-9d1a-4c5e-8f00-6a7b8c9d0e1f\","
				+ "\"topicId\":null,\"durationMinutes\":45,\"studyDate\":\"2024-02-29\",\"notes\":\"Eigenvalues\"}")
			.getBytes(StandardCharsets.UTF_8));

		assertThat(CertainlyValid.check(EventType.TOPIC_CREATED, topic)).isTrue();
		assertThat(CertainlyValid.check(EventType.SESSION_LOGGED, session)).isTrue();
		assertThat(this.schemas.validator(EventType.TOPIC_CREATED, topic)).isEmpty();
		assertThat(this.schemas.validator(EventType.SESSION_LOGGED, session)).isEmpty();
	}

	@Test
	void whatIsNotAnEventIsUnreadable() {
		Gen<GeneratedEvent> unreadable = oneOf(EVENTS.unreadable(EventType.TOPIC_CREATED),
				EVENTS.unreadable(EventType.SESSION_LOGGED));
		forAll("whatIsNotAnEventIsUnreadable", tries(500), unreadable, GeneratedEvent::describe,
				(event) -> assertThat(read(event)).as(event.describe()).isInstanceOf(Decoded.Unreadable.class));
	}

	@Test
	void writingAnEventDifferentlyDoesNotChangeWhatIsRead() {
		Gen<Object[]> eventAndSeed = (random) -> new Object[] { valid().next(random), random.nextLong() };
		forAll("writingAnEventDifferentlyDoesNotChangeWhatIsRead", tries(500), eventAndSeed,
				(pair) -> ((GeneratedEvent) pair[0]).describe() + " rewritten with seed " + pair[1], (pair) -> {
					GeneratedEvent event = (GeneratedEvent) pair[0];
					GeneratedEvent rewritten = event.rewritten(new Random((long) pair[1]));

					Decoded<?> original = read(event);
					Decoded<?> again = read(rewritten);

					assertThat(original).as(event.describe()).isInstanceOf(Decoded.Valid.class);
					assertThat(again).as(rewritten.describe()).isInstanceOf(Decoded.Valid.class);
					assertThat(contentOf(((Decoded.Valid<?>) again).event())).as(rewritten.describe())
						.isEqualTo(contentOf(((Decoded.Valid<?>) original).event()));
				});
	}

	/**
	 * The value as a JSON object, or null if it is not one (those never reach a schema).
	 */
	private static JsonNode objectOrNull(byte[] value) {
		try {
			JsonNode tree = LENIENT.readTree(value);
			return (tree != null && tree.isObject()) ? tree : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static Gen<GeneratedEvent> valid() {
		return oneOf(EVENTS.validTopic(), EVENTS.validSession());
	}

	private Decoded<?> read(GeneratedEvent event) {
		Class<?> type = (event.type() == EventType.TOPIC_CREATED) ? TopicCreated.class : SessionLogged.class;
		return this.reader.read(event.type(), event.value(), type);
	}

	private static Set<String> pointers(List<Violation> violations) {
		return violations.stream().map(Violation::pointer).collect(Collectors.toSet());
	}

	/** What was read, with timestamps as instants (their offsets are not content). */
	private static List<Object> contentOf(Object event) {
		if (event instanceof TopicCreated topic) {
			return List.of(topic.eventId(), topic.occurredAt().toInstant(), topic.name(),
					Objects.toString(topic.description(), "<none>"));
		}
		SessionLogged session = (SessionLogged) event;
		return List.of(session.eventId(), session.occurredAt().toInstant(), Objects.toString(session.topicId(), "-"),
				Objects.toString(session.topicEventId(), "-"), session.effectiveStudyDate(), session.durationMinutes(),
				Objects.toString(session.notes(), "<none>"));
	}

	/** What the contract keeps of a generated event: occurredAt at microseconds. */
	private static List<Object> expectedContent(GeneratedEvent event) {
		GeneratedEvent.Content c = event.content();
		UUID eventId = UUID.fromString(event.canonicalEventId());
		Instant occurredAt = c.occurredAt().stored();
		if (event.type() == EventType.TOPIC_CREATED) {
			return List.of(eventId, occurredAt, c.name(), Objects.toString(c.description(), "<none>"));
		}
		return List.of(eventId, occurredAt, Objects.toString(c.topicId(), "-"),
				(c.topicEventId() != null) ? UUID.fromString(c.topicEventId()).toString() : "-", c.effectiveStudyDate(),
				c.durationValue(), Objects.toString(c.notes(), "<none>"));
	}

}
