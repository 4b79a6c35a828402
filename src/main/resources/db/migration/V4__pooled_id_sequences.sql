-- Hibernate's pooled optimizer hands out blocks of 50 ids per sequence call, which lets it batch
-- inserts (IDENTITY would force one round trip per row). Plain nextval() users stay collision-free.
alter sequence topics_id_seq   increment by 50;
alter sequence sessions_id_seq increment by 50;
