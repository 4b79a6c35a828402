package com.studytracker.redrive;

import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import com.studytracker.Command;
import com.studytracker.StudyTrackerProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * {@code java -jar studytracker.jar redrive …}: a context of its own with only Kafka and
 * the settings — no database, no listeners, no web server — that runs one
 * {@link DeadLetterRedrive} and exits. Exit code 0 done, 1 failed, 2 bad arguments.
 */
public final class RedriveCommand implements Command {

	public static final String NAME = "redrive";

	@Override
	public String name() {
		return NAME;
	}

	/** Runs a redrive with these arguments (those after {@code redrive}). */
	@Override
	public int run(String[] args, PrintStream out) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Runner.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
					// Its report is the output; warnings about the consumer's own
					// re-assignments are noise.
					"logging.level.root=warn",
					"logging.level.org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils=error")
			.initializers(ctx -> ctx.getBeanFactory().registerSingleton("redriveOutput", out))
			.run(args)) {
			return SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			out.println("Redrive failed to start: " + ex);
			return 1;
		}
	}

	// Not a @Configuration: the service's component scan must never pick it up.
	@ImportAutoConfiguration(KafkaAutoConfiguration.class)
	@EnableConfigurationProperties(StudyTrackerProperties.class)
	static class Runner implements ApplicationRunner, ExitCodeGenerator {

		private final StudyTrackerProperties properties;

		private final KafkaTemplate<byte[], byte[]> template;

		private final DefaultKafkaConsumerFactory<?, ?> consumers;

		private final PrintStream out;

		Runner(StudyTrackerProperties properties, KafkaTemplate<byte[], byte[]> template,
				DefaultKafkaConsumerFactory<?, ?> consumers, PrintStream out) {
			this.properties = properties;
			this.template = template;
			this.consumers = consumers;
			this.out = out;
		}

		private int exitCode;

		@Override
		public void run(ApplicationArguments arguments) {
			try {
				redrive(RedriveRequest.from(arguments, this.properties));
			}
			catch (RedriveRequest.InvalidArguments ex) {
				this.out.println(ex.getMessage());
				this.out.println(RedriveRequest.USAGE);
				this.exitCode = 2;
			}
			catch (RuntimeException ex) {
				this.out.println("Redrive failed: " + ex);
				this.exitCode = 1;
			}
		}

		private void redrive(RedriveRequest request) {
			// No consumer group: a redrive reads, it never commits offsets or joins the
			// service's group.
			Map<String, Object> config = new HashMap<>(this.consumers.getConfigurationProperties());
			config.remove(ConsumerConfig.GROUP_ID_CONFIG);
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
					new ByteArrayDeserializer())) {
				new DeadLetterRedrive(consumer, this.template, this.out, Clock.systemUTC()).run(request);
			}
			this.template.flush();
		}

		@Override
		public int getExitCode() {
			return this.exitCode;
		}

	}

}
