package com.studytracker.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written OpenAPI 3.1 document, the very file kept in {@code schemas/}
 * (copied onto the classpath by the build). Hand-written rather than generated: no
 * springdoc on the start-up path; {@code OpenApiDocumentTest} keeps it equal to the
 * controllers.
 */
@RestController
class OpenApiController {

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private final Resource document = new ClassPathResource("schemas/openapi.yaml");

	@GetMapping("/openapi.yaml")
	ResponseEntity<Resource> document() {
		return ResponseEntity.ok().contentType(YAML).body(this.document);
	}

}
