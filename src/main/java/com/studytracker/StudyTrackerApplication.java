package com.studytracker;

import java.util.Arrays;
import java.util.ServiceLoader;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigurationProperties(StudyTrackerProperties.class)
@EnableScheduling
public class StudyTrackerApplication {

	public static void main(String[] args) {
		if (args.length > 0) {
			for (Command command : ServiceLoader.load(Command.class)) {
				if (command.name().equals(args[0])) {
					System.exit(command.run(Arrays.copyOfRange(args, 1, args.length), System.out));
				}
			}
		}
		SpringApplication.run(StudyTrackerApplication.class, args);
	}

}
