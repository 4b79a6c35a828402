-- The Python prototype's tables, as SQLAlchemy created them. A database that already holds them is
-- baselined at this version (spring.flyway.baseline-on-migrate), so V1 only runs on empty databases.
create table topics (
    id          serial       primary key,
    name        varchar(200) not null,
    description text,
    created_at  timestamp    not null
);
create index ix_topics_name on topics (name);

create table sessions (
    id               serial  primary key,
    topic_id         integer not null references topics (id) on delete cascade,
    study_date       date    not null default current_date,
    duration_minutes integer not null,
    notes            text,
    created_at       timestamp not null
);
create index ix_sessions_topic_id on sessions (topic_id);
