-- A session sent again while its first copy waits for its topic: each copy keeps its own record, so
-- that when the session is settled every copy gets its confirmation (and, if rejected, its dead letter
-- with its own bytes). Copies go with their parked session.
create table pending_session_copies (
    event_id         uuid   not null references pending_sessions (event_id) on delete cascade,
    source_topic     text   not null,
    source_partition integer not null,
    source_offset    bigint not null,
    source_timestamp bigint not null,
    record_key       bytea,
    record_value     bytea  not null,
    primary key (source_topic, source_partition, source_offset)
);
create index ix_pending_session_copies_event_id on pending_session_copies (event_id);
