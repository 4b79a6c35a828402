package com.studytracker.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import com.studytracker.testsupport.ServiceTopics;
import com.studytracker.testsupport.Events;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds a scenario's input stream (good TopicCreated/SessionLogged events with awkward
 * but valid text, optionally mixed with bad records) and sends it at a steady rate with
 * an idempotent producer, remembering where each record landed so dead letters can be
 * matched to their originals.
 */
final class LoadGenerator {

	enum Kind {

		/** A valid TopicCreated: one row in topics and an ACCEPTED confirmation. */
		TOPIC,
		/** A valid SessionLogged: one row in sessions and an ACCEPTED confirmation. */
		SESSION,
		/** Cannot be read (no eventId): dead-lettered, no confirmation. */
		UNREADABLE,
		/** Readable eventId, invalid: REJECTED confirmation and a dead letter. */
		REJECTED

	}

	/** One input record and what the service must make of it. */
	record Input(int index, String topic, byte[] key, byte[] value, Kind kind, UUID eventId, String label,
			Map<String, Object> event) {

		boolean good() {
			return this.kind == Kind.TOPIC || this.kind == Kind.SESSION;
		}

	}

	/** Valid text that must round-trip byte for byte. */
	static final List<String> TEXTS = List.of("Plain notes", "Emoji 📚🧠🚀 and 👩🏽‍💻 (ZWJ sequence), 𝄞 (U+1D11E)",
			"'; DROP TABLE sessions; --", "Robert'); DELETE FROM topics WHERE ('1'='1",
			"quotes \" ' ` backslash \\ slash /", "tab\there\nnewline\r\ncrlf", "  leading and trailing spaces  ",
			"中文 日本語 한국어 العربية עברית", "combining e\u0301 a\u0308 and NFC é ä",
			"line separators \u2028 \u2029 and BOM \uFEFF inside", "looks like NUL but is text: \\u0000 \\0 %00",
			"<script>alert(1)</script> ${jndi:ldap://x} %s {0} $1", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 smileys",
			"SELECT * FROM sessions WHERE notes = '' OR 1=1; /* */");

	private final List<Input> inputs = new ArrayList<>();

	private final ServiceTopics topics;

	private final Random random;

	private int[] partitions;

	private long[] offsets;

	private final AtomicInteger acked = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	private volatile Thread sender;

	LoadGenerator(ServiceTopics topics, long seed) {
		this.topics = topics;
		this.random = new Random(seed);
	}

	/**
	 * Adds {@code count} good events: every tenth a TopicCreated, the others
	 * SessionLogged referencing an earlier topic by topicEventId (keyed by it); about 2%
	 * reference the next topic, which is sent only a few records later, so the service
	 * has to park them.
	 */
	LoadGenerator good(int count) {
		List<UUID> topicIds = new ArrayList<>();
		UUID nextTopic = UUID.randomUUID();
		for (int i = 0; i < count; i++) {
			if (i % 10 == 0) {
				UUID eventId = nextTopic;
				nextTopic = UUID.randomUUID();
				Map<String, Object> event = Events.topicCreated(eventId, topicName(i));
				if (this.random.nextInt(3) > 0) {
					event.put("description", text());
				}
				else if (this.random.nextBoolean()) {
					event.put("description", null);
				}
				add(this.topics.topicInput(), eventId.toString(), Events.json(event), Kind.TOPIC, eventId, "topic",
						event);
				topicIds.add(eventId);
			}
			else {
				UUID eventId = UUID.randomUUID();
				UUID topic = (topicIds.isEmpty() || this.random.nextInt(50) == 0) ? nextTopic
						: topicIds.get(this.random.nextInt(topicIds.size()));
				Map<String, Object> event = Events.sessionLogged(eventId, topic, 1 + this.random.nextInt(1440));
				if (this.random.nextBoolean()) {
					event.put("notes", text());
				}
				if (this.random.nextInt(4) == 0) {
					event.put("studyDate", LocalDate.of(2026, 1, 1).plusDays(this.random.nextInt(365)).toString());
				}
				add(this.topics.sessionInput(), topic.toString(), Events.json(event), Kind.SESSION, eventId, "session",
						event);
			}
		}
		String last = nextTopic.toString();
		if (count > 0 && this.inputs.stream()
			.anyMatch(in -> in.kind() == Kind.SESSION && last.equals(in.event().get("topicEventId")))) {
			Map<String, Object> event = Events.topicCreated(nextTopic, topicName(count));
			add(this.topics.topicInput(), last, Events.json(event), Kind.TOPIC, nextTopic, "topic", event);
		}
		return this;
	}

	/**
	 * Mixes bad records (see {@link HostileRecords}) into random positions of the stream.
	 */
	LoadGenerator bad(int count, boolean includeHuge) {
		List<UUID> knownTopics = this.inputs.stream()
			.filter(in -> in.kind() == Kind.TOPIC)
			.map(Input::eventId)
			.toList();
		List<HostileRecords.Bad> bad = HostileRecords.generate(count, includeHuge, knownTopics, this.random);
		for (HostileRecords.Bad b : bad) {
			String topic = b.sessionStream() ? this.topics.sessionInput() : this.topics.topicInput();
			int position = this.random.nextInt(this.inputs.size() + 1);
			this.inputs.add(position, new Input(-1, topic, b.key(), b.value(), b.kind(), b.eventId(), b.label(), null));
		}
		// re-number
		for (int i = 0; i < this.inputs.size(); i++) {
			Input in = this.inputs.get(i);
			this.inputs.set(i,
					new Input(i, in.topic(), in.key(), in.value(), in.kind(), in.eventId(), in.label(), in.event()));
		}
		return this;
	}

	/** Adds one record nested 10,000 deep at a random position. */
	LoadGenerator hugeNesting() {
		return insert(HostileRecords.deepNesting());
	}

	/** Adds one record with a 5 MB string at a random position. */
	LoadGenerator hugeString() {
		return insert(HostileRecords.fiveMegabytes());
	}

	private LoadGenerator insert(HostileRecords.Bad b) {
		String topic = b.sessionStream() ? this.topics.sessionInput() : this.topics.topicInput();
		this.inputs.add(this.random.nextInt(this.inputs.size() + 1),
				new Input(-1, topic, b.key(), b.value(), b.kind(), b.eventId(), b.label(), null));
		for (int i = 0; i < this.inputs.size(); i++) {
			Input in = this.inputs.get(i);
			this.inputs.set(i,
					new Input(i, in.topic(), in.key(), in.value(), in.kind(), in.eventId(), in.label(), in.event()));
		}
		return this;
	}

	private String topicName(int i) {
		String text = TEXTS.get(this.random.nextInt(TEXTS.size()));
		String name = "Topic " + i + " " + text;
		return (name.length() > 190) ? name.substring(0, 190) : name;
	}

	private String text() {
		if (this.random.nextInt(200) == 0) {
			return "x".repeat(9_990) + "end📚"; // 9,995 UTF-16 units, 9,994 code points:
												// near the 10,000 limit
		}
		return TEXTS.get(this.random.nextInt(TEXTS.size()));
	}

	private void add(String topic, String key, String value, Kind kind, UUID eventId, String label,
			Map<String, Object> event) {
		this.inputs.add(new Input(this.inputs.size(), topic, key.getBytes(StandardCharsets.UTF_8),
				value.getBytes(StandardCharsets.UTF_8), kind, eventId, label, event));
	}

	List<Input> inputs() {
		return Collections.unmodifiableList(this.inputs);
	}

	int size() {
		return this.inputs.size();
	}

	int goodCount() {
		return (int) this.inputs.stream().filter(Input::good).count();
	}

	int badCount() {
		return this.inputs.size() - goodCount();
	}

	/** Where input {@code index} was written (after it was acknowledged). */
	int partition(int index) {
		return this.partitions[index];
	}

	long offset(int index) {
		return this.offsets[index];
	}

	int acked() {
		return this.acked.get();
	}

	/**
	 * Starts sending in the background at about {@code ratePerSecond} records per second.
	 */
	LoadGenerator start(String bootstrapServers, double ratePerSecond) {
		this.partitions = new int[this.inputs.size()];
		this.offsets = new long[this.inputs.size()];
		java.util.Arrays.fill(this.offsets, -1);
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
		props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
		props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
		props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
		props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
		this.sender = new Thread(() -> send(props, ratePerSecond), "fault-load-generator");
		this.sender.setDaemon(true);
		this.sender.start();
		return this;
	}

	private void send(Properties props, double ratePerSecond) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			long t0 = System.nanoTime();
			for (Input in : this.inputs) {
				long due = t0 + (long) (in.index() * 1e9 / ratePerSecond);
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				producer.send(new ProducerRecord<>(in.topic(), in.key(), in.value()), (metadata, ex) -> {
					if (ex != null) {
						this.failed.incrementAndGet();
						this.firstFailure.compareAndSet(null, ex);
					}
					else {
						this.partitions[in.index()] = metadata.partition();
						this.offsets[in.index()] = metadata.offset();
						this.acked.incrementAndGet();
					}
				});
			}
			producer.flush();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Blocks until {@code fraction} of the stream is acknowledged by the broker. */
	void awaitFraction(double fraction) {
		int target = (int) Math.ceil(fraction * this.inputs.size());
		Awaitility.await((int) (fraction * 100) + "% of the stream acknowledged")
			.atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> {
				checkFailures();
				return this.acked.get() >= target;
			});
	}

	/** Waits until the whole stream is acknowledged; fails if a send failed. */
	void awaitAllSent(Duration timeout) {
		try {
			Awaitility.await("whole stream acknowledged")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> {
					checkFailures();
					return this.acked.get() >= this.inputs.size();
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(
					"Only " + this.acked.get() + " of " + this.inputs.size() + " records acknowledged within " + timeout);
		}
	}

	private void checkFailures() {
		if (this.failed.get() > 0) {
			throw new IllegalStateException(this.failed.get() + " input records could not be sent",
					this.firstFailure.get());
		}
	}

	/** Expected-event lookup for the invariant checker. */
	Map<UUID, Input> goodByEventId() {
		Map<UUID, Input> map = new LinkedHashMap<>();
		this.inputs.stream().filter(Input::good).forEach(in -> map.put(in.eventId(), in));
		return map;
	}

}
