package com.studytracker.generated;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends many records without waiting for each, and indexes everything the service sends
 * back: confirmations by (stream, eventId in the confirmation), dead letters by the
 * original record's stream, partition and offset.
 */
final class Traffic implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<byte[], byte[]> producer;

	private final Map<String, List<ConsumerRecord<byte[], byte[]>>> confirmations = new ConcurrentHashMap<>();

	private final Map<String, List<ConsumerRecord<byte[], byte[]>>> deadLetters = new ConcurrentHashMap<>();

	private final Thread collector;

	private volatile boolean running = true;

	Traffic(String bootstrapServers, List<String> confirmationStreams, List<String> deadLetterStreams) {
		Properties producerProperties = new Properties();
		producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
		producerProperties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
		this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
		Properties consumerProperties = new Properties();
		consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerProperties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String stream : concat(confirmationStreams, deadLetterStreams)) {
			consumer.partitionsFor(stream, Duration.ofSeconds(30))
				.forEach(info -> partitions.add(new TopicPartition(stream, info.partition())));
		}
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		this.collector = new Thread(() -> collect(consumer, confirmationStreams), "generated-traffic");
		this.collector.setDaemon(true);
		this.collector.start();
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private void collect(KafkaConsumer<byte[], byte[]> consumer, List<String> confirmationStreams) {
		try (consumer) {
			while (this.running) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					if (confirmationStreams.contains(record.topic())) {
						this.confirmations
							.computeIfAbsent(record.topic() + "/" + eventIdOf(record),
									key -> new CopyOnWriteArrayList<>())
							.add(record);
					}
					else {
						this.deadLetters.computeIfAbsent(originOf(record), key -> new CopyOnWriteArrayList<>())
							.add(record);
					}
				}
			}
		}
	}

	private static String eventIdOf(ConsumerRecord<byte[], byte[]> record) {
		try {
			return JSON.readTree(record.value()).get("eventId").asString().toLowerCase(Locale.ROOT);
		}
		catch (RuntimeException ex) {
			return "?";
		}
	}

	private static String originOf(ConsumerRecord<byte[], byte[]> record) {
		Header partition = record.headers().lastHeader("kafka_dlt-original-partition");
		Header offset = record.headers().lastHeader("kafka_dlt-original-offset");
		if (partition == null || offset == null) {
			return "?";
		}
		return header(record, "kafka_dlt-original-topic") + "/" + ByteBuffer.wrap(partition.value()).getInt() + "/"
				+ ByteBuffer.wrap(offset.value()).getLong();
	}

	static String header(ConsumerRecord<byte[], byte[]> record, String key) {
		Header header = record.headers().lastHeader(key);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	Future<RecordMetadata> send(String stream, Integer partition, byte[] key, byte[] value) {
		return this.producer.send(new ProducerRecord<>(stream, partition, key, value));
	}

	static RecordMetadata await(Future<RecordMetadata> sent) {
		try {
			return sent.get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send", ex);
		}
	}

	List<ConsumerRecord<byte[], byte[]>> confirmations(String stream, String canonicalEventId) {
		return this.confirmations.getOrDefault(stream + "/" + canonicalEventId, List.of());
	}

	List<ConsumerRecord<byte[], byte[]>> deadLetters(RecordMetadata original) {
		return this.deadLetters.getOrDefault(original.topic() + "/" + original.partition() + "/" + original.offset(),
				List.of());
	}

	static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
		return JSON.readTree(record.value());
	}

	@Override
	public void close() {
		this.running = false;
		this.producer.close(Duration.ofSeconds(5));
	}

}
