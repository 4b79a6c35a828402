package com.studytracker.session;

import java.time.LocalDate;

/** A topic's sessions and their minutes on one study date. */
record DayTotal(LocalDate studyDate, Long sessions, Long minutes) {
}
