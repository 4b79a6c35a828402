-- What a rejection said (the confirmation's reason, as JSON), so the status look-up answers a
-- rejected event with the very confirmation it was sent. Written with rejected_at; the first one
-- wins like rejected_at. Rejections recorded before this migration have none.
alter table rejected_events add column reason text;
