package com.studytracker.session;

import java.time.LocalDate;
import java.util.List;

/**
 * What a topic's sessions add up to ({@code TopicSummary} in schemas/openapi.yaml).
 * Streaks count distinct study dates (calendar dates as logged, no time zone applied):
 * {@code longestStreakDays} is the longest run of consecutive dates;
 * {@code currentStreakDays} is the run ending on the latest study date not after
 * {@code asOf} (today in UTC), if that date is {@code asOf} or the day before, else 0. A
 * study date after {@code asOf} counts towards the longest streak only.
 */
record TopicSummary(int topicId, long sessions, long totalMinutes, LocalDate firstStudyDate, LocalDate lastStudyDate,
		int currentStreakDays, int longestStreakDays, LocalDate asOf) {

	/** The summary from the topic's totals per study date, in date order. */
	static TopicSummary of(int topicId, List<DayTotal> days, LocalDate today) {
		long sessions = 0;
		long minutes = 0;
		int run = 0;
		int longest = 0;
		int current = 0;
		LocalDate previous = null;
		for (DayTotal day : days) {
			sessions += day.sessions();
			minutes += day.minutes();
			LocalDate date = day.studyDate();
			run = (previous != null && previous.plusDays(1).equals(date)) ? run + 1 : 1;
			longest = Math.max(longest, run);
			if (!date.isAfter(today)) {
				current = date.isBefore(today.minusDays(1)) ? 0 : run;
			}
			previous = date;
		}
		LocalDate first = days.isEmpty() ? null : days.get(0).studyDate();
		LocalDate last = days.isEmpty() ? null : days.get(days.size() - 1).studyDate();
		return new TopicSummary(topicId, sessions, minutes, first, last, current, longest, today);
	}

}
