package com.studytracker.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's HTTP API over real HTTP, as another microservice calls it. Every answer
 * is checked against schemas/openapi.yaml before a test sees it, so every test of the
 * read API also tests the document.
 */
public final class ReadApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http = RestClient.create();

	private final String base;

	public ReadApi(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** GET of a path with its query ({@code /topics?prefix=a}), already encoded. */
	public Response get(String pathAndQuery) {
		// A URI, not a template: the query is sent exactly as given (e.g. %25 stays %25).
		URI uri = URI.create(this.base + pathAndQuery);
		Response response = this.http.get()
			.uri(uri)
			.exchange((request, answer) -> new Response(answer.getStatusCode().value(),
					answer.getHeaders().getContentType(), answer.getHeaders().getFirst(HttpHeaders.LINK),
					answer.getBody().readAllBytes()));
		assertThat(OpenApiDocument.get()
			.problemsWith("GET", uri.getRawPath(), response.status(), response.contentType(), response.body()))
			.as("GET %s answered %s %s", pathAndQuery, response.status(), response.text())
			.isEmpty();
		return response;
	}

	/** An answer, its body parsed on demand. */
	public record Response(int status, MediaType contentType, String link, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The {@code items} of a page. */
		public List<JsonNode> items() {
			return json().get("items").valueStream().toList();
		}

		/** The {@code next} cursor of a page, null on the last. */
		public String next() {
			JsonNode next = json().get("next");
			return next.isNull() ? null : next.asString();
		}

	}

}
