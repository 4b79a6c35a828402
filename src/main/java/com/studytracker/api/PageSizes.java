package com.studytracker.api;

import com.studytracker.StudyTrackerProperties;

import org.springframework.stereotype.Component;

/**
 * The {@code limit} of a listing: {@code studytracker.reads.default-page-size} when
 * absent, a 400 outside 1 to {@code max-page-size} (a bound on what one request may make
 * the database read).
 */
@Component
public class PageSizes {

	private final StudyTrackerProperties.Reads settings;

	PageSizes(StudyTrackerProperties properties) {
		this.settings = properties.reads();
	}

	public int limit(Integer requested) {
		if (requested == null) {
			return this.settings.defaultPageSize();
		}
		if (requested < 1 || requested > this.settings.maxPageSize()) {
			throw Problems.badRequest("limit must be between 1 and " + this.settings.maxPageSize() + " (was "
					+ requested + "); without it a page holds " + this.settings.defaultPageSize() + " items");
		}
		return requested;
	}

}
