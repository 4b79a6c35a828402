package com.studytracker.status;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.studytracker.contract.EventType;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Status look-up for producers that missed a confirmation: {@code GET /events/{eventId}}
 * answers the confirmation itself (same bytes as on Kafka) or PENDING, {@code POST
 * /events/status} up to {@value #MAX_IDS} of them at once. Errors are RFC 9457 problem
 * details.
 */
@RestController
@RequestMapping("/events")
class EventStatusController {

	static final int MAX_IDS = 1000;

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final EventStatuses statuses;

	EventStatusController(EventStatuses statuses) {
		this.statuses = statuses;
	}

	@GetMapping("/{eventId}")
	ResponseEntity<?> status(@PathVariable String eventId, @RequestParam(required = false) String type) {
		if (!UUID_TEXT.matcher(eventId).matches()) {
			return problem(HttpStatus.BAD_REQUEST, "eventId must be a UUID (8-4-4-4-12 hexadecimal digits)", null);
		}
		URI instance = URI.create("/events/" + eventId);
		EventType only = (type != null) ? eventType(type) : null;
		if (type != null && only == null) {
			return problem(HttpStatus.BAD_REQUEST, "type must be TopicCreated or SessionLogged", instance);
		}
		UUID id = UUID.fromString(eventId);
		Map<EventType, EventStatus> answers = answers(id, only);
		if (answers.isEmpty()) {
			return problem(
					HttpStatus.NOT_FOUND, "No event with this eventId has been seen"
							+ ((only != null) ? " as " + name(only) : "") + " (or its rejection is past retention).",
					instance);
		}
		if (answers.size() > 1) {
			return problem(HttpStatus.CONFLICT,
					"This eventId was sent as both TopicCreated and SessionLogged: add ?type= to choose.", instance);
		}
		return json(HttpStatus.OK, StatusJson.of(answers.values().iterator().next()));
	}

	@PostMapping("/status")
	ResponseEntity<?> statuses(@RequestBody StatusRequest request) {
		URI instance = URI.create("/events/status");
		if (request.eventIds() == null) {
			return problem(HttpStatus.BAD_REQUEST, "The body must be {\"eventIds\": [\"<uuid>\", …]}", instance);
		}
		if (request.eventIds().size() > MAX_IDS) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "At most " + MAX_IDS + " eventIds per request ("
					+ request.eventIds().size() + " sent); split the request.", instance);
		}
		EventType only = (request.type() != null) ? eventType(request.type()) : null;
		if (request.type() != null && only == null) {
			return problem(HttpStatus.BAD_REQUEST, "type must be TopicCreated or SessionLogged", instance);
		}
		List<UUID> ids = new ArrayList<>(request.eventIds().size());
		for (int i = 0; i < request.eventIds().size(); i++) {
			String eventId = request.eventIds().get(i);
			if (eventId == null || !UUID_TEXT.matcher(eventId).matches()) {
				return problem(HttpStatus.BAD_REQUEST, "eventIds/" + i + " is not a UUID", instance);
			}
			ids.add(UUID.fromString(eventId));
		}
		var known = this.statuses.lookUp(new LinkedHashSet<>(ids));
		List<byte[]> bodies = new ArrayList<>(ids.size());
		for (UUID id : ids) {
			Map<EventType, EventStatus> answers = EventStatuses.of(known, id);
			if (only != null) {
				answers.keySet().retainAll(List.of(only));
			}
			bodies.add(answers.isEmpty() ? StatusJson.notFound(id) : (answers.size() == 1)
					? StatusJson.of(answers.values().iterator().next())
					: StatusJson.ambiguous(id, answers.keySet().stream().map(EventStatusController::name).toList()));
		}
		return json(HttpStatus.OK, StatusJson.array(bodies));
	}

	private Map<EventType, EventStatus> answers(UUID id, EventType only) {
		Map<EventType, EventStatus> answers = EventStatuses.of(this.statuses.lookUp(List.of(id)), id);
		if (only != null) {
			answers.keySet().retainAll(List.of(only));
		}
		return answers;
	}

	/** The body of {@code POST /events/status}. */
	record StatusRequest(List<String> eventIds, String type) {
	}

	private static EventType eventType(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "topiccreated" -> EventType.TOPIC_CREATED;
			case "sessionlogged" -> EventType.SESSION_LOGGED;
			default -> null;
		};
	}

	private static String name(EventType type) {
		return (type == EventType.TOPIC_CREATED) ? "TopicCreated" : "SessionLogged";
	}

	private static ResponseEntity<byte[]> json(HttpStatus status, byte[] body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, URI instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(instance);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
