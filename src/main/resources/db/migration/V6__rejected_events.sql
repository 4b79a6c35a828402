-- The first rejection of an event fixes its processedAt, so a redelivered rejected event gets a
-- byte-identical confirmation.
create table rejected_events (
    event_type  varchar(32) not null,
    event_id    uuid        not null,
    rejected_at timestamptz not null,
    primary key (event_type, event_id)
);
