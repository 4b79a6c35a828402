package com.studytracker.messaging;

/**
 * The broker did not acknowledge a batch's confirmations: transient, the batch is
 * retried.
 */
class OutcomesNotPublishedException extends RuntimeException {

	OutcomesNotPublishedException(String message, Throwable cause) {
		super(message, cause);
	}

}
