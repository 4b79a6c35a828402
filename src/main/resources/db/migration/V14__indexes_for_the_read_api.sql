-- The read API (issue 11), with no more indexes than before: every index costs ingestion.
-- ("if exists": a database adopted from the prototype, baselined at V1, may not have the old ones.)
-- Sessions of a topic by study date, keyset-paged on (study_date, id); duration_minutes is carried
-- so the summary (count, minutes, first/last date, streaks) is an index-only scan. It replaces
-- ix_sessions_topic_id, whose every use (the topic's sessions, the foreign key's cascade) it serves.
create index ix_sessions_topic_id_study_date_id on sessions (topic_id, study_date, id) include (duration_minutes);
drop index if exists ix_sessions_topic_id;
-- Topics listed by (name, id), filtered by a name prefix: in byte order ("C") a prefix is one range
-- of this index, whatever the database's collation. It replaces ix_topics_name (default collation).
create index ix_topics_name_c_id on topics (name collate "C", id);
drop index if exists ix_topics_name;
