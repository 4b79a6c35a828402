package com.studytracker.api;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import com.studytracker.IntegrationTest;
import com.studytracker.testsupport.OpenApiDocument;
import com.studytracker.testsupport.ReadApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * schemas/openapi.yaml cannot drift from the service: its operations are exactly the
 * handler mappings of the running service (path, method, query parameters, body), and
 * real answers of every operation, successes and errors, match its schemas (every
 * {@link ReadApi} call in the other tests is checked the same way).
 */
class OpenApiDocumentTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@LocalServerPort
	private int port;

	@Test
	void theOpenApiDocumentDescribesExactlyTheControllers() {
		List<String> exposed = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			// Boot's /error (the fallback error page) is not part of the API.
			if (!BasicErrorController.class.isAssignableFrom(method.getBeanType())) {
				exposed.addAll(signatures(info, method));
			}
		});

		assertThat(exposed).isNotEmpty();
		assertThat(OpenApiDocument.get().operations()).containsExactlyInAnyOrderElementsOf(exposed);
	}

	@Test
	void everyResponseMatchesTheOpenApiDocument() {
		ReadApi api = new ReadApi(this.port);
		int topic = this.jdbc.queryForObject("""
				insert into topics (id, name, description, event_id, occurred_at, created_at)
				values (nextval('topics_id_seq'), 'openapi ' || gen_random_uuid(), 'with a description',
				        gen_random_uuid(), now(), now()) returning id""", Integer.class);
		this.jdbc.update(
				"""
						insert into sessions (id, topic_id, study_date, duration_minutes, notes, created_at, event_id, occurred_at)
						select nextval('sessions_id_seq'), ?, current_date - g, 20, case when g = 1 then 'notes' end, now(),
						       gen_random_uuid(), now() from generate_series(0, 2) g""",
				topic);
		String cursor = api.get("/topics/" + topic + "/sessions?limit=1").next();
		List<String> calls = List.of("/topics", "/topics?limit=1", "/topics?prefix=openapi", "/topics/" + topic,
				"/topics/" + topic + "/sessions", "/topics/" + topic + "/sessions?limit=1&cursor=" + cursor,
				"/topics/" + topic + "/summary", "/topics/abc", "/topics/0", "/topics/0/sessions", "/topics/0/summary",
				"/topics/x/summary", "/topics?limit=0", "/topics?cursor=bad",
				"/topics/" + topic + "/sessions?from=2025-02-01&to=2025-01-01", "/events/" + UUID.randomUUID(),
				"/events/not-a-uuid", "/openapi.yaml");

		List<Integer> statuses = new ArrayList<>();
		// ReadApi fails on any answer the document does not describe.
		calls.forEach((call) -> statuses.add(api.get(call).status()));

		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 200, 400, 404, 404, 404, 400, 400, 400, 400,
				404, 400, 200);
	}

	@Test
	void theServiceServesTheDocumentKeptInSchemas() {
		ReadApi.Response response = new ReadApi(this.port).get("/openapi.yaml");

		assertThat(response.contentType()).isEqualTo(MediaType.parseMediaType("application/yaml"));
		assertThat(response.text()).isEqualTo(OpenApiDocument.get().text()).startsWith("openapi: 3.1.0");
	}

	@Test
	void theResponseCheckCatchesAnswersTheDocumentDoesNotDescribe() {
		OpenApiDocument document = OpenApiDocument.get();
		byte[] topic = "{\"id\":1,\"name\":\"x\",\"description\":null,\"eventId\":\"not-a-uuid\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"createdAt\":\"2026-01-01T00:00:00Z\"}"
			.getBytes();
		byte[] problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"x\",\"instance\":\"/topics\",\"trace\":\"at com…\"}"
			.getBytes();

		assertThat(document.problemsWith("GET", "/topics/1", 200, MediaType.APPLICATION_JSON, topic)).isNotEmpty();
		assertThat(document.problemsWith("GET", "/topics/1", 500, MediaType.APPLICATION_PROBLEM_JSON, problem))
			.isNotEmpty();
		assertThat(document.problemsWith("GET", "/topics", 400, MediaType.APPLICATION_PROBLEM_JSON, problem))
			.isNotEmpty();
		assertThat(document.problemsWith("GET", "/topics/1", 200, MediaType.TEXT_PLAIN, topic)).isNotEmpty();
		assertThat(document.errors("#/components/schemas/TopicSummary", JSON.readTree("{\"topicId\":1}"))).isNotEmpty();
	}

	private static List<String> signatures(RequestMappingInfo info, HandlerMethod method) {
		TreeSet<String> query = new TreeSet<>();
		boolean body = false;
		for (MethodParameter parameter : method.getMethodParameters()) {
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				query.add(!param.name().isEmpty() ? param.name() : parameter.getParameterName());
			}
			body |= parameter.hasParameterAnnotation(RequestBody.class);
		}
		List<String> signatures = new ArrayList<>();
		for (String path : info.getPatternValues()) {
			for (var httpMethod : info.getMethodsCondition().getMethods()) {
				signatures.add(OpenApiDocument.signature(httpMethod.name(), path, query, body));
			}
		}
		return signatures;
	}

}
