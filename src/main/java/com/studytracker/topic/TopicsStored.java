package com.studytracker.topic;

/** New topics were committed: sessions waiting for a topic may now be resolvable. */
public record TopicsStored() {
}
