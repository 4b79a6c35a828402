package com.studytracker;

import java.util.Arrays;

import com.studytracker.redrive.RedriveCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigurationProperties(StudyTrackerProperties.class)
@EnableScheduling
public class StudyTrackerApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(RedriveCommand.NAME)) {
			System.exit(RedriveCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(StudyTrackerApplication.class, args);
	}

}
