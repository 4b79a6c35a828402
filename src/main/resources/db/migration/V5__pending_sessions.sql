-- Sessions whose topic is not known yet wait here, so their offsets can be committed and the
-- partition moves on. The original record is kept to dead-letter it byte for byte if it expires.
create table pending_sessions (
    event_id         uuid        primary key,
    topic_id         integer,
    topic_event_id   uuid,
    occurred_at      timestamptz not null,
    study_date       date        not null,
    duration_minutes integer     not null,
    notes            text,
    first_seen_at    timestamptz not null,
    claimed_until    timestamptz,
    source_topic     text        not null,
    source_partition integer     not null,
    source_offset    bigint      not null,
    source_timestamp bigint      not null,
    record_key       bytea,
    record_value     bytea       not null,
    constraint ck_pending_sessions_one_topic_reference check ((topic_id is null) <> (topic_event_id is null))
);
create index ix_pending_sessions_first_seen_at on pending_sessions (first_seen_at);
