-- Issue 11's measurement of the read API at 10 million sessions (not run by any build).
-- Apply V1..V13 first, then: psql -v ON_ERROR_STOP=1 -f read-api-10m.sql, then V14.
-- 10,000 topics with ~900 sessions each over ~3 years up to today, plus topic 10001 with 1,000,000.
-- Indexes and constraints are dropped for the fill and re-created after, as a bulk load would.
alter table sessions drop constraint sessions_topic_id_fkey;
alter table sessions drop constraint uq_sessions_event_id;
drop index ix_sessions_topic_id;
insert into topics (id, name, description, created_at, event_id, occurred_at)
select t, 'Topic ' || lpad(t::text, 5, '0') || case when t % 7 = 0 then ' 50% off_sale' else '' end,
       null, now(), gen_random_uuid(), now()
from generate_series(1, 10001) t;
insert into sessions (id, topic_id, study_date, duration_minutes, notes, created_at, event_id, occurred_at)
select g, 1 + (g % 10000), current_date - (random() * 1095)::int, 5 + (random() * 115)::int,
       case when g % 2 = 0 then md5(g::text) end, now(), gen_random_uuid(), now()
from generate_series(1, 9000000) g;
insert into sessions (id, topic_id, study_date, duration_minutes, notes, created_at, event_id, occurred_at)
select g, 10001, current_date - (random() * 1095)::int, 5 + (random() * 115)::int,
       case when g % 2 = 0 then md5(g::text) end, now(), gen_random_uuid(), now()
from generate_series(9000001, 10000000) g;
select setval('topics_id_seq', 10051), setval('sessions_id_seq', 10000051);
alter table sessions add constraint uq_sessions_event_id unique (event_id);
create index ix_sessions_topic_id on sessions (topic_id);
alter table sessions add constraint sessions_topic_id_fkey foreign key (topic_id) references topics (id) on delete cascade;
vacuum analyze topics;
vacuum analyze sessions;
