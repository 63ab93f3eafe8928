DROP TRIGGER statement_search_source ON sources;
DROP TRIGGER statement_search_statement ON statements;
DROP FUNCTION statement_search_on_source();
DROP FUNCTION statement_search_on_statement();
DROP FUNCTION statement_search_refresh(TEXT);
DROP TABLE statement_search;
DROP TABLE facts;
DROP TABLE statement_matches;
DROP TABLE statement_keys;
