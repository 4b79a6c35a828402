-- Names are stored exactly as sent; the 200-character limit applies after trimming surrounding
-- whitespace (the same rule as schemas/topic-created.schema.json), so the column itself is unbounded.
alter table topics alter column name type text;
alter table topics add constraint ck_topics_name_length
    check (char_length(btrim(name, E' \t\n\r\f\x0b')) between 1 and 200);
