package com.studytracker.redrive;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.studytracker.StudyTrackerProperties;

import org.springframework.boot.ApplicationArguments;

/**
 * Which dead letters to redrive, from the command line.
 *
 * @param deadLetterStreams the DLTs to read (default: both configured ones)
 * @param codes rejection codes to select (empty: every code but UNREADABLE)
 * @param from dead-lettered at or after (null: from the start of each DLT)
 * @param to dead-lettered before (null: up to the end as it was when the run began)
 * @param eventIds only records whose value has one of these eventIds (empty: any)
 * @param includeUnreadable also redrive records that could not be read (no eventId)
 * @param dryRun count what would go, send nothing
 */
record RedriveRequest(List<String> deadLetterStreams, Set<String> codes, Instant from, Instant to, Set<UUID> eventIds,
		boolean includeUnreadable, boolean dryRun) {

	static final String USAGE = """
			Usage: java -jar studytracker.jar redrive [--dlt=<stream>]... [--code=<code>]... [--from=<instant>]
			         [--to=<instant>] [--event-id=<uuid>]... [--include-unreadable] [--dry-run]
			  Re-publishes dead letters to their original input stream (header kafka_dlt-original-topic).
			  --dlt               a dead-letter stream to read (repeatable; default: both configured DLTs)
			  --code              INVALID_EVENT, UNKNOWN_TOPIC, EVENT_ID_CONFLICT or UNREADABLE (repeatable)
			  --from, --to        dead-lettered in [from, to), ISO-8601 instants such as 2026-11-25T10:00:00Z
			  --event-id          only the dead letters of this eventId (repeatable)
			  --include-unreadable  also records that could not be read at all (code UNREADABLE)
			  --dry-run           show what would be redriven, with counts per code; send nothing
			  Spring settings work as usual, e.g. --spring.kafka.bootstrap-servers=broker:9092.""";

	private static final Set<String> OPTIONS = Set.of("dlt", "code", "from", "to", "event-id", "include-unreadable",
			"dry-run");

	static RedriveRequest from(ApplicationArguments arguments, StudyTrackerProperties properties) {
		if (!arguments.getNonOptionArgs().isEmpty()) {
			throw new InvalidArguments("Unexpected argument " + arguments.getNonOptionArgs().get(0));
		}
		for (String option : arguments.getOptionNames()) {
			// Spring settings (--spring.kafka.…, --studytracker.…) have dots; ours do
			// not.
			if (!option.contains(".") && !OPTIONS.contains(option)) {
				throw new InvalidArguments("Unknown option --" + option);
			}
		}
		List<String> streams = values(arguments, "dlt");
		if (streams.isEmpty()) {
			streams = List.of(properties.streams().topicCreated().deadLetters(),
					properties.streams().sessionLogged().deadLetters());
		}
		Set<String> codes = new LinkedHashSet<>();
		values(arguments, "code").forEach(code -> codes.add(code.toUpperCase(java.util.Locale.ROOT)));
		Set<UUID> eventIds = new LinkedHashSet<>();
		for (String eventId : values(arguments, "event-id")) {
			try {
				eventIds.add(UUID.fromString(eventId));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidArguments("--event-id " + eventId + " is not a UUID");
			}
		}
		boolean includeUnreadable = arguments.containsOption("include-unreadable");
		if (codes.contains(DeadLetterHeaders.UNREADABLE) && !includeUnreadable) {
			throw new InvalidArguments("UNREADABLE records are redriven only with --include-unreadable");
		}
		return new RedriveRequest(streams, codes, instant(arguments, "from"), instant(arguments, "to"), eventIds,
				includeUnreadable, arguments.containsOption("dry-run"));
	}

	private static List<String> values(ApplicationArguments arguments, String option) {
		List<String> values = new ArrayList<>();
		List<String> given = arguments.getOptionValues(option);
		if (given != null) {
			for (String value : given) {
				for (String each : value.split(",")) {
					if (!each.isBlank()) {
						values.add(each.trim());
					}
				}
			}
		}
		return values;
	}

	private static Instant instant(ApplicationArguments arguments, String option) {
		List<String> values = values(arguments, option);
		if (values.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(values.get(0));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidArguments(
					"--" + option + " " + values.get(0) + " is not an ISO-8601 instant such as 2026-11-25T10:00:00Z");
		}
	}

	/** The command line is wrong: the message says how. */
	static final class InvalidArguments extends IllegalArgumentException {

		InvalidArguments(String message) {
			super(message);
		}

	}

}
