-- The prototype stored naive UTC timestamps; confirmations carry instants.
alter table topics   alter column created_at type timestamptz using created_at at time zone 'UTC';
alter table sessions alter column created_at type timestamptz using created_at at time zone 'UTC';
