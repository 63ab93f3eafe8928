-- A statement's search row is rebuilt only when its searchable text changes: a verdict, an
-- approval or an assignment writes the whole row (text, gloss and note included) and used to
-- re-index it every time.
DROP TRIGGER statement_search_update;
CREATE TRIGGER statement_search_update AFTER UPDATE OF text, gloss_en, note ON statements
WHEN old.text IS NOT new.text OR old.gloss_en IS NOT new.gloss_en OR old.note IS NOT new.note
BEGIN
    DELETE FROM statement_search
     WHERE rowid = (SELECT search_id FROM statement_search_ids WHERE statement_id = new.id);
    INSERT INTO statement_search (rowid, body)
    VALUES ((SELECT search_id FROM statement_search_ids WHERE statement_id = new.id),
            new.text || ' ' || coalesce(new.gloss_en, '') || ' ' || new.note || ' ' || coalesce(
                (SELECT group_concat(coalesce(o.title, '') || ' ' || coalesce(o.excerpt, '') || ' ' || o.url, ' ')
                   FROM sources o WHERE o.statement_id = new.id), ''));
END;
