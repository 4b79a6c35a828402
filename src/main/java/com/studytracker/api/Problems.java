package com.studytracker.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problem details for the read API. Thrown, they are rendered by Spring MVC as
 * {@code application/problem+json} with the request path as {@code instance}, like the
 * framework's own 400s (non-numeric id, malformed date) under
 * {@code spring.mvc.problemdetails.enabled}.
 */
public final class Problems {

	private Problems() {
	}

	public static ErrorResponseException badRequest(String detail) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
	}

	public static ErrorResponseException notFound(String detail) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
	}

}
