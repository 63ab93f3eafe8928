DROP TABLE statement_meaning;
