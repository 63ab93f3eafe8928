DROP TRIGGER statement_search_statement_update ON statements;
DROP TRIGGER statement_search_statement_insert ON statements;
CREATE TRIGGER statement_search_statement
    AFTER INSERT OR UPDATE OF text, gloss_en, note ON statements
    FOR EACH ROW EXECUTE FUNCTION statement_search_on_statement();
