package com.studytracker.status;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import com.studytracker.StudyTrackerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes stored rejections older than {@code studytracker.rejections.retention}, a small
 * batch per statement (each its own transaction) so no purge holds many locks or a long
 * transaction. A rejection of a session still parked is kept: its decision must stay
 * final.
 */
@Component
class RejectionRetention {

	private static final Logger log = LoggerFactory.getLogger(RejectionRetention.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final StudyTrackerProperties.Rejections settings;

	RejectionRetention(JdbcTemplate jdbc, Clock clock, StudyTrackerProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = properties.rejections();
	}

	@Scheduled(initialDelayString = "${studytracker.rejections.purge-interval}",
			fixedDelayString = "${studytracker.rejections.purge-interval}")
	void scheduledPurge() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			log.warn("Purge of old rejections failed, will retry: {}", ex.getClass().getName());
		}
	}

	/** Deletes every rejection past its retention; returns how many. */
	int purge() {
		Timestamp before = Timestamp.from(this.clock.instant().minus(this.settings.retention()));
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update("""
					delete from rejected_events where (event_type, event_id) in (
					  select r.event_type, r.event_id from rejected_events r
					  where r.rejected_at < ?
					    and not exists (select 1 from pending_sessions p where p.event_id = r.event_id)
					  order by r.rejected_at
					  limit ?
					  for update of r skip locked)""", before, this.settings.purgeBatchSize());
			total += deleted;
		}
		while (deleted == this.settings.purgeBatchSize());
		if (total > 0) {
			log.info("Purged {} rejections first recorded before {}", total, Instant.ofEpochMilli(before.getTime()));
		}
		return total;
	}

}
