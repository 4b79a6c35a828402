package com.studytracker.topic;

import java.util.List;

import com.studytracker.api.Cursors;
import com.studytracker.api.Page;
import com.studytracker.api.PageSizes;
import com.studytracker.api.Problems;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /topics} (keyset-paged by name in byte order, then id; optionally only names
 * starting with {@code prefix}, case-sensitive, as stored) and {@code GET /topics/{id}}.
 * Contracts in schemas/openapi.yaml.
 */
@RestController
class TopicController {

	private static final String KIND = "topics";

	private final TopicReads topics;

	private final PageSizes pageSizes;

	TopicController(TopicReads topics, PageSizes pageSizes) {
		this.topics = topics;
		this.pageSizes = pageSizes;
	}

	@GetMapping("/topics")
	ResponseEntity<Page<TopicView>> list(@RequestParam(required = false) String prefix,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		int size = this.pageSizes.limit(limit);
		String start = (prefix != null) ? prefix : "";
		// Before every name that starts with the prefix (ids are positive).
		String afterName = start;
		int afterId = Integer.MIN_VALUE;
		if (cursor != null) {
			List<JsonNode> key = Cursors.decode(KIND, cursor, 2);
			if (!key.get(0).isString() || !key.get(1).isInt()) {
				throw Cursors.invalid();
			}
			afterName = key.get(0).asString();
			afterId = key.get(1).asInt();
			if (!afterName.startsWith(start)) {
				throw Problems.badRequest("cursor belongs to a listing with another prefix: "
						+ "pass the same prefix as for the page that gave it");
			}
		}
		String below = NamePrefix.upperBound(start);
		List<TopicView> rows = this.topics.listAfter(afterName, afterId, below, size + 1);
		return Page.of(rows, size, (row) -> row, TopicController::cursor).response();
	}

	@GetMapping("/topics/{id}")
	TopicView topic(@PathVariable int id) {
		return this.topics.byId(id).orElseThrow(() -> Problems.notFound("No topic with id " + id + "."));
	}

	/** Where a topic stands in the listing ordered by (name in byte order, id). */
	private static String cursor(TopicView topic) {
		return Cursors.encode(KIND, topic.name(), topic.id());
	}

}
