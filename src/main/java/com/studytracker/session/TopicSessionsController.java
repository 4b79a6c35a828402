package com.studytracker.session;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.studytracker.api.Cursors;
import com.studytracker.api.Page;
import com.studytracker.api.PageSizes;
import com.studytracker.api.Problems;
import tools.jackson.databind.JsonNode;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
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

	private final SessionReads sessions;

	private final PageSizes pageSizes;

	private final Clock clock;

	TopicSessionsController(SessionReads sessions, PageSizes pageSizes, Clock clock) {
		this.sessions = sessions;
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
		List<SessionView> rows = this.sessions.pageOf(id, afterDate, afterId, end, size + 1)
			.orElseThrow(() -> noTopic(id));
		return Page.of(rows, size, (row) -> row, TopicSessionsController::cursor).response();
	}

	@GetMapping("/topics/{id}/summary")
	TopicSummary summary(@PathVariable int id) {
		List<DayTotal> days = this.sessions.dayTotalsOf(id).orElseThrow(() -> noTopic(id));
		return TopicSummary.of(id, days, LocalDate.now(this.clock));
	}

	/** Where a session stands in its topic's listing ordered by (study date, id). */
	private static String cursor(SessionView session) {
		return Cursors.encode(KIND, session.studyDate().toString(), session.id());
	}

	private static ErrorResponseException noTopic(int id) {
		return Problems.notFound("No topic with id " + id + ".");
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
