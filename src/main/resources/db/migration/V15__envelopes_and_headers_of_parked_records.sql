-- A parked session is confirmed in the envelope its record came in (plain JSON, or a CloudEvent in
-- binary or structured mode) and, if it is rejected, dead-lettered with its record's original headers:
-- both are kept with each parked record. Rows parked before this migration were plain (no CloudEvents
-- were read then); their headers were not kept.
alter table pending_sessions
    add column envelope       text  not null default 'PLAIN',
    add column record_headers bytea,
    add constraint ck_pending_sessions_envelope check (envelope in ('PLAIN', 'BINARY', 'STRUCTURED'));
alter table pending_session_copies
    add column envelope       text  not null default 'PLAIN',
    add column record_headers bytea,
    add constraint ck_pending_session_copies_envelope check (envelope in ('PLAIN', 'BINARY', 'STRUCTURED'));
