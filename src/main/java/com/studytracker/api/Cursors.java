package com.studytracker.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opaque page cursors: base64url (no padding) of a JSON array {@code [kind, key...]}
 * holding the sort key of the last item of a page. Keyset pagination continues strictly
 * after that key, so rows inserted meanwhile never shift a page (as OFFSET would). The
 * kind stops a cursor of one listing from being used on another; a cursor that does not
 * decode is a 400, never a 500.
 */
public final class Cursors {

	// "[…] garbage" is not a cursor either.
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private Cursors() {
	}

	/** The cursor of a position in the listing {@code kind}. */
	public static String encode(String kind, Object... key) {
		List<Object> fields = new ArrayList<>(key.length + 1);
		fields.add(kind);
		fields.addAll(List.of(key));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(fields));
	}

	/**
	 * The key fields of a cursor of the listing {@code kind}, as JSON nodes.
	 * @throws org.springframework.web.ErrorResponseException 400 if it is not one
	 */
	public static List<JsonNode> decode(String kind, String cursor, int fields) {
		JsonNode array;
		try {
			array = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw invalid();
		}
		if (array == null || !array.isArray() || array.size() != fields + 1
				|| !kind.equals(array.get(0).asString(""))) {
			throw invalid();
		}
		List<JsonNode> key = new ArrayList<>(fields);
		for (int i = 1; i <= fields; i++) {
			key.add(array.get(i));
		}
		return key;
	}

	/** The 400 for a cursor whose key fields do not have the expected types. */
	public static RuntimeException invalid() {
		return Problems.badRequest("cursor is not a cursor of this listing: pass the 'next' value of a previous page "
				+ "of the same listing unchanged, or omit it for the first page");
	}

}
