-- Every row remembers the event that created it: event_id is the idempotency key, occurred_at is part
-- of the content compared on a re-send. Rows from the prototype get a random event id.
alter table topics
    add column event_id    uuid,
    add column occurred_at timestamptz;
update topics set event_id = gen_random_uuid(), occurred_at = created_at where event_id is null;
alter table topics
    alter column event_id set not null,
    alter column occurred_at set not null,
    add constraint uq_topics_event_id unique (event_id);

alter table sessions
    add column event_id    uuid,
    add column occurred_at timestamptz;
update sessions set event_id = gen_random_uuid(), occurred_at = created_at where event_id is null;
alter table sessions
    alter column event_id set not null,
    alter column occurred_at set not null,
    add constraint uq_sessions_event_id unique (event_id);
