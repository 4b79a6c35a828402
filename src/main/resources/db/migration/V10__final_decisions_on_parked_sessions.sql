-- A parked session's rejection is recorded in the transaction that decides it, before its
-- confirmation and dead letter are published: a crash in between re-publishes that decision and
-- never re-decides it (e.g. accepting a session already dead-lettered).
alter table pending_sessions add column rejected_at timestamptz;
