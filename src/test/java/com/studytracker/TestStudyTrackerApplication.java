package com.studytracker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

import com.studytracker.testsupport.LocalPostgres;
import com.studytracker.testsupport.StandaloneKafka;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service locally with nothing installed but PostgreSQL
 * ({@code ./mvnw spring-boot:test-run}): creates the {@code studytracker} role and
 * database if missing and starts a real KRaft broker on {@code localhost:9092} (data
 * under {@code target/local-kafka}) unless one is already listening there.
 */
public final class TestStudyTrackerApplication {

	private TestStudyTrackerApplication() {
	}

	public static void main(String[] args) {
		if (System.getenv("DATABASE_URL") == null) {
			LocalPostgres.ensureDatabase("jdbc:postgresql://127.0.0.1:5432/studytracker", "studytracker",
					"studytracker");
		}
		if (System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null && !isListening(9092)) {
			StandaloneKafka kafka = StandaloneKafka.start(Path.of("target", "local-kafka"), 9092);
			System.setProperty("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		}
		SpringApplication.from(StudyTrackerApplication::main).run(args);
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
