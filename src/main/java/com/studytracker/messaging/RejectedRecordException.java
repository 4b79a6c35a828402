package com.studytracker.messaging;

/**
 * Named in the {@code kafka_dlt-exception-fqcn} header of our dead letters: the record
 * was rejected by the contract, not by a crash. Never thrown.
 */
final class RejectedRecordException extends RuntimeException {

	private RejectedRecordException() {
	}

}
