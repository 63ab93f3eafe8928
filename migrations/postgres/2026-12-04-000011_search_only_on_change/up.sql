-- A statement's search row is rebuilt only when its searchable text changes: a verdict, an
-- approval or an assignment writes the whole row (text, gloss and note included) and used to
-- re-index it every time.
DROP TRIGGER statement_search_statement ON statements;
CREATE TRIGGER statement_search_statement_insert
    AFTER INSERT ON statements
    FOR EACH ROW EXECUTE FUNCTION statement_search_on_statement();
CREATE TRIGGER statement_search_statement_update
    AFTER UPDATE OF text, gloss_en, note ON statements
    FOR EACH ROW
    WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.gloss_en IS DISTINCT FROM NEW.gloss_en
          OR OLD.note IS DISTINCT FROM NEW.note)
    EXECUTE FUNCTION statement_search_on_statement();
