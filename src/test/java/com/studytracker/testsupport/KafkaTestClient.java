package com.studytracker.testsupport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer app's view of the service, over real Kafka clients: send raw bytes to an
 * input topic, and read everything that comes back on the confirmation and dead-letter
 * topics (recorded in the background from the beginning of each topic).
 */
public final class KafkaTestClient implements AutoCloseable {

	private static final Map<String, KafkaTestClient> CLIENTS = new ConcurrentHashMap<>();

	private final KafkaProducer<byte[], byte[]> producer;

	private final List<ConsumerRecord<byte[], byte[]>> received = new CopyOnWriteArrayList<>();

	private final Thread collector;

	private volatile boolean running = true;

	private KafkaTestClient(String bootstrapServers, List<String> outputTopics) {
		Properties producerProperties = new Properties();
		producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
		producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		producerProperties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
		this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
		Properties consumerProperties = new Properties();
		consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerProperties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		this.collector = new Thread(() -> collect(consumer, outputTopics), "kafka-test-client");
		this.collector.setDaemon(true);
		this.collector.start();
	}

	/**
	 * One client per broker for the whole test JVM: the collector keeps reading across
	 * tests.
	 */
	public static KafkaTestClient forBroker(String bootstrapServers, List<String> outputTopics) {
		return CLIENTS.computeIfAbsent(bootstrapServers, servers -> new KafkaTestClient(servers, outputTopics));
	}

	private void collect(KafkaConsumer<byte[], byte[]> consumer, List<String> topics) {
		try (consumer) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : topics) {
				List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
				while (this.running && (infos == null || infos.isEmpty())) {
					sleepQuietly();
					infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
				}
				infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (this.running) {
				consumer.poll(Duration.ofMillis(100)).forEach(this.received::add);
			}
		}
		catch (RuntimeException ex) {
			if (this.running) {
				throw ex;
			}
		}
	}

	private static void sleepQuietly() {
		try {
			TimeUnit.MILLISECONDS.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public RecordMetadata send(String topic, byte[] key, byte[] value) {
		return send(new ProducerRecord<>(topic, key, value));
	}

	public RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
		try {
			return this.producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + record.topic(), ex);
		}
	}

	public RecordMetadata send(String topic, String key, String value) {
		return send(topic, (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null,
				(value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
	}

	/**
	 * Sends a record as {@code kcat -P -k key -H name=value …} would: the value's UTF-8
	 * bytes, and each header split at its first {@code =}, its value as UTF-8 bytes.
	 */
	public RecordMetadata sendLikeKcat(String topic, String key, String value, String... headers) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value.getBytes(StandardCharsets.UTF_8));
		for (String header : headers) {
			int equals = header.indexOf('=');
			record.headers()
				.add(header.substring(0, equals), header.substring(equals + 1).getBytes(StandardCharsets.UTF_8));
		}
		return send(record);
	}

	/** Every record received so far on one of the output topics. */
	public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
		return this.received.stream().filter(record -> record.topic().equals(topic)).toList();
	}

	/** Records on a confirmations topic keyed by this eventId. */
	public List<ConsumerRecord<byte[], byte[]>> confirmations(String topic, UUID eventId) {
		byte[] key = eventId.toString().getBytes(StandardCharsets.UTF_8);
		return this.received.stream()
			.filter(record -> record.topic().equals(topic) && java.util.Arrays.equals(record.key(), key))
			.toList();
	}

	/** Dead letters of the input record at this partition and offset. */
	public List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic, RecordMetadata original) {
		return this.received.stream()
			.filter(record -> record.topic().equals(topic))
			.filter(record -> original.topic().equals(header(record, "kafka_dlt-original-topic"))
					&& original.partition() == ByteBuffer.wrap(headerBytes(record, "kafka_dlt-original-partition"))
						.getInt()
					&& original.offset() == ByteBuffer.wrap(headerBytes(record, "kafka_dlt-original-offset")).getLong())
			.toList();
	}

	public static String header(ConsumerRecord<byte[], byte[]> record, String key) {
		byte[] value = headerBytes(record, key);
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	private static byte[] headerBytes(ConsumerRecord<byte[], byte[]> record, String key) {
		Header header = record.headers().lastHeader(key);
		return (header != null) ? header.value() : new byte[8];
	}

	@Override
	public void close() {
		this.running = false;
		this.producer.close(Duration.ofSeconds(5));
	}

}
