package com.studytracker.api;

import java.util.List;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a keyset-paged listing: its items and the cursor of the next page, null on
 * the last one. The same link is in a {@code Link: <…>; rel="next"} header.
 *
 * @param <T> the items' type
 */
public record Page<T>(List<T> items, String next) {

	/**
	 * The page of {@code limit} items from rows fetched with {@code limit + 1}: the extra
	 * row only says that a next page exists, so the last page is never an empty one.
	 */
	public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> item, Function<R, String> cursor) {
		boolean more = rows.size() > limit;
		List<R> page = more ? rows.subList(0, limit) : rows;
		return new Page<>(page.stream().map(item).toList(), more ? cursor.apply(page.get(limit - 1)) : null);
	}

	/**
	 * This page as a 200 answer, with the next page's link (the same query, that cursor).
	 */
	public ResponseEntity<Page<T>> response() {
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (this.next != null) {
			String link = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("cursor", this.next)
				.build()
				.toUriString();
			ok.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
		}
		return ok.body(this);
	}

}
