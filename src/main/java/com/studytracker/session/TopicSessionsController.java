package com.studytracker.session;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.studytracker.api.Cursors;
import com.studytracker.api.Page;
import com.studytracker.api.PageSizes;
import com.studytracker.api.Problems;
import com.studytracker.topic.TopicDirectory;
import tools.jackson.databind.JsonNode;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /topics/{id}/sessions} (keyset-paged by study date, then id; {@code from}
 * and {@code to} inclusive) and {@code GET /topics/{id}/summary}. "Today" for streaks
 * comes from the {@link Clock} bean (UTC). Contracts in schemas/openapi.yaml.
 */
@RestController
class TopicSessionsController {

	private static final String KIND = "sessions";

	// Study dates are 1900-01-01 to 9999-12-31 by contract; these bound an open range.
	private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

	private final Sessions sessions;

	private final TopicDirectory topics;

	private final PageSizes pageSizes;

	private final Clock clock;

	TopicSessionsController(Sessions sessions, TopicDirectory topics, PageSizes pageSizes, Clock clock) {
		this.sessions = sessions;
		this.topics = topics;
		this.pageSizes = pageSizes;
		this.clock = clock;
	}

	@GetMapping("/topics/{id}/sessions")
	ResponseEntity<Page<SessionView>> sessions(@PathVariable int id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		int size = this.pageSizes.limit(limit);
		LocalDate start = (from != null) ? from : EARLIEST;
		LocalDate end = (to != null) ? to : LATEST;
		if (start.isAfter(end)) {
			throw Problems.badRequest("from (" + from + ") is after to (" + to + "): the range is inclusive");
		}
		// Before every session of the start date (ids are positive).
		LocalDate afterDate = start;
		int afterId = Integer.MIN_VALUE;
		if (cursor != null) {
			List<JsonNode> key = Cursors.decode(KIND, cursor, 2);
			LocalDate date = date(key.get(0));
			if (!key.get(1).isInt()) {
				throw Cursors.invalid();
			}
			if (!date.isBefore(start)) {
				afterDate = date;
				afterId = key.get(1).asInt();
			}
		}
		List<Session> rows = this.sessions.pageOf(id, afterDate, afterId, end, size + 1);
		if (rows.isEmpty()) {
			requireTopic(id);
		}
		return Page.of(rows, size, Session::view, Session::cursor).response();
	}

	@GetMapping("/topics/{id}/summary")
	TopicSummary summary(@PathVariable int id) {
		List<DayTotal> days = this.sessions.dayTotalsOf(id);
		if (days.isEmpty()) {
			requireTopic(id);
		}
		return TopicSummary.of(id, days, LocalDate.now(this.clock));
	}

	static String cursor(LocalDate studyDate, int id) {
		return Cursors.encode(KIND, studyDate.toString(), id);
	}

	private void requireTopic(int id) {
		if (this.topics.existing(Set.of(id)).isEmpty()) {
			throw Problems.notFound("No topic with id " + id + ".");
		}
	}

	private static LocalDate date(JsonNode field) {
		try {
			return LocalDate.parse(field.asString());
		}
		catch (RuntimeException ex) {
			throw Cursors.invalid();
		}
	}

}
