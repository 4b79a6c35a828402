-- A btree index entry holds at most ~2,700 bytes: ix_topics_name overflowed (54000) on names padded
-- with whitespace to hundreds of kilobytes. The contract caps a name at 600 characters as sent
-- (at most 2,400 bytes in UTF-8); the database states the same rule so both agree exactly.
alter table topics add constraint ck_topics_name_as_sent check (char_length(name) <= 600);
