package com.studytracker.session;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary's arithmetic and streak rules, for a fixed "today" (the service takes it
 * from its Clock bean); {@code SessionReadApiTest} covers the same over HTTP.
 */
class TopicSummaryTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

	@Test
	void aTopicWithoutSessionsHasNoDatesAndNoStreaks() {
		TopicSummary summary = TopicSummary.of(7, List.of(), TODAY);

		assertThat(summary).isEqualTo(new TopicSummary(7, 0, 0, null, null, 0, 0, TODAY));
	}

	@Test
	void aSessionTodayAloneIsACurrentStreakOfOne() {
		TopicSummary summary = TopicSummary.of(7, days(0), TODAY);

		assertThat(summary.currentStreakDays()).isOne();
		assertThat(summary.longestStreakDays()).isOne();
	}

	@Test
	void aStreakThatEndedYesterdayIsStillCurrent() {
		TopicSummary summary = TopicSummary.of(7, days(-3, -2, -1), TODAY);

		assertThat(summary.currentStreakDays()).isEqualTo(3);
		assertThat(summary.longestStreakDays()).isEqualTo(3);
	}

	@Test
	void aStreakThatEndedTheDayBeforeYesterdayIsNotCurrent() {
		TopicSummary summary = TopicSummary.of(7, days(-4, -3, -2), TODAY);

		assertThat(summary.currentStreakDays()).isZero();
		assertThat(summary.longestStreakDays()).isEqualTo(3);
	}

	@Test
	void aGapEndsAStreakAndTheLongestIsKept() {
		TopicSummary summary = TopicSummary.of(7, days(-10, -9, -8, -7, -5, -1, 0), TODAY);

		assertThat(summary.currentStreakDays()).isEqualTo(2);
		assertThat(summary.longestStreakDays()).isEqualTo(4);
	}

	@Test
	void aMonthAndYearBoundaryDoesNotBreakAStreak() {
		LocalDate newYear = LocalDate.of(2026, 1, 1);
		List<DayTotal> days = List.of(day(LocalDate.of(2025, 12, 31), 1, 10), day(newYear, 1, 10));

		assertThat(TopicSummary.of(7, days, newYear).currentStreakDays()).isEqualTo(2);
	}

	@Test
	void studyDatesAfterTodayCountOnlyTowardsTheLongestStreak() {
		TopicSummary summary = TopicSummary.of(7, days(-1, 0, 1, 2), TODAY);

		assertThat(summary.currentStreakDays()).isEqualTo(2);
		assertThat(summary.longestStreakDays()).isEqualTo(4);
		assertThat(summary.lastStudyDate()).isEqualTo(TODAY.plusDays(2));
	}

	@Test
	void onlyFutureStudyDatesAreNoCurrentStreak() {
		assertThat(TopicSummary.of(7, days(1, 2), TODAY).currentStreakDays()).isZero();
	}

	@Test
	void addsUpSessionsAndMinutesOverEveryDay() {
		List<DayTotal> days = List.of(day(TODAY.minusDays(5), 3, 90), day(TODAY, 2, 4_000_000_000L));

		TopicSummary summary = TopicSummary.of(7, days, TODAY);

		assertThat(summary.sessions()).isEqualTo(5);
		assertThat(summary.totalMinutes()).isEqualTo(4_000_000_090L);
		assertThat(summary.firstStudyDate()).isEqualTo(TODAY.minusDays(5));
		assertThat(summary.lastStudyDate()).isEqualTo(TODAY);
	}

	private static List<DayTotal> days(int... offsets) {
		List<DayTotal> days = new ArrayList<>();
		for (int offset : offsets) {
			days.add(day(TODAY.plusDays(offset), 1, 30));
		}
		return days;
	}

	private static DayTotal day(LocalDate date, long sessions, long minutes) {
		return new DayTotal(date, sessions, minutes);
	}

}
