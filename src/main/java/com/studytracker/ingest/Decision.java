package com.studytracker.ingest;

import com.studytracker.contract.Confirmation;
import com.studytracker.contract.Rejection;

/** What an event type's rules decided about one valid event. */
public sealed interface Decision {

	/** Stored, now or earlier: confirm with what the row says. */
	record Accept(Confirmation confirmation) implements Decision {
	}

	/** Rejected; the pipeline records when, so every re-send is confirmed identically. */
	record Reject(Rejection rejection) implements Decision {
	}

	/** Waiting durably; its outcome is published later. */
	record Defer() implements Decision {
	}

}
