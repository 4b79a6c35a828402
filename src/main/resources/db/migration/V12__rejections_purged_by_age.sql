-- Stored rejections are purged once older than studytracker.rejections.retention, in small batches
-- found through this index.
create index ix_rejected_events_rejected_at on rejected_events (rejected_at);
