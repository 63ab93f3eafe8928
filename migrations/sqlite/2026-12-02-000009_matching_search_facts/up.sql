-- Claim matching: each statement's keys (normalized values, names, word stems), looked up by
-- key to find earlier statements that may make the same claim.
CREATE TABLE statement_keys (
    key TEXT NOT NULL,
    statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (key, statement_id)
);
CREATE INDEX statement_keys_statement ON statement_keys (statement_id);

-- How many statements carry each key (how rare it is), kept by triggers so that matching reads
-- one row a key instead of counting its holders.
CREATE TABLE key_counts (
    key TEXT PRIMARY KEY NOT NULL,
    statements INTEGER NOT NULL
);
CREATE TRIGGER key_counts_insert AFTER INSERT ON statement_keys BEGIN
    INSERT INTO key_counts (key, statements) VALUES (new.key, 1)
    ON CONFLICT (key) DO UPDATE SET statements = statements + 1;
END;
CREATE TRIGGER key_counts_delete AFTER DELETE ON statement_keys BEGIN
    UPDATE key_counts SET statements = statements - 1 WHERE key = old.key;
END;

-- The earlier statements a statement was found to match, scored when it was stored; a
-- dismissed match stays, marked, so that it is not offered again.
CREATE TABLE statement_matches (
    statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    match_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    score DOUBLE NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    dismissed_by TEXT REFERENCES users (id),
    dismissed_at TIMESTAMP,
    PRIMARY KEY (statement_id, match_id)
);
CREATE INDEX statement_matches_match ON statement_matches (match_id);

-- Reference facts the newsroom keeps, against which statements are pre-checked.
CREATE TABLE facts (
    id TEXT PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    aliases_json TEXT NOT NULL,
    attribute TEXT NOT NULL,
    value DOUBLE,
    unit TEXT,
    date DATE,
    source_url TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

-- Full-text search over statements, their notes and sources. FTS5 rows are addressed by an
-- integer that never changes (a table's implicit rowid may change on VACUUM).
CREATE TABLE statement_search_ids (
    search_id INTEGER PRIMARY KEY,
    statement_id TEXT NOT NULL UNIQUE REFERENCES statements (id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE statement_search USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The searchable text of a statement: its text, gloss, note, and its sources' titles, excerpts
-- and addresses. Triggers look rows up by key (a view here would be scanned whole on every
-- write).
CREATE TRIGGER statement_search_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statement_search_ids (statement_id) VALUES (new.id);
    INSERT INTO statement_search (rowid, body)
    VALUES ((SELECT search_id FROM statement_search_ids WHERE statement_id = new.id),
            new.text || ' ' || coalesce(new.gloss_en, '') || ' ' || new.note);
END;

CREATE TRIGGER statement_search_update AFTER UPDATE OF text, gloss_en, note ON statements BEGIN
    DELETE FROM statement_search
     WHERE rowid = (SELECT search_id FROM statement_search_ids WHERE statement_id = new.id);
    INSERT INTO statement_search (rowid, body)
    VALUES ((SELECT search_id FROM statement_search_ids WHERE statement_id = new.id),
            new.text || ' ' || coalesce(new.gloss_en, '') || ' ' || new.note || ' ' || coalesce(
                (SELECT group_concat(coalesce(o.title, '') || ' ' || coalesce(o.excerpt, '') || ' ' || o.url, ' ')
                   FROM sources o WHERE o.statement_id = new.id), ''));
END;

CREATE TRIGGER statement_search_delete BEFORE DELETE ON statements BEGIN
    DELETE FROM statement_search
     WHERE rowid = (SELECT search_id FROM statement_search_ids WHERE statement_id = old.id);
END;

CREATE TRIGGER statement_search_source_insert AFTER INSERT ON sources BEGIN
    DELETE FROM statement_search
     WHERE rowid = (SELECT search_id FROM statement_search_ids WHERE statement_id = new.statement_id);
    INSERT INTO statement_search (rowid, body)
    SELECT i.search_id,
           s.text || ' ' || coalesce(s.gloss_en, '') || ' ' || s.note || ' ' || coalesce(
               (SELECT group_concat(coalesce(o.title, '') || ' ' || coalesce(o.excerpt, '') || ' ' || o.url, ' ')
                  FROM sources o WHERE o.statement_id = s.id), '')
      FROM statements s JOIN statement_search_ids i ON i.statement_id = s.id
     WHERE s.id = new.statement_id;
END;

CREATE TRIGGER statement_search_source_delete AFTER DELETE ON sources BEGIN
    DELETE FROM statement_search
     WHERE rowid = (SELECT search_id FROM statement_search_ids WHERE statement_id = old.statement_id);
    INSERT INTO statement_search (rowid, body)
    SELECT i.search_id,
           s.text || ' ' || coalesce(s.gloss_en, '') || ' ' || s.note || ' ' || coalesce(
               (SELECT group_concat(coalesce(o.title, '') || ' ' || coalesce(o.excerpt, '') || ' ' || o.url, ' ')
                  FROM sources o WHERE o.statement_id = s.id), '')
      FROM statements s JOIN statement_search_ids i ON i.statement_id = s.id
     WHERE s.id = old.statement_id;
END;

-- Statements stored before this migration.
INSERT INTO statement_search_ids (statement_id) SELECT id FROM statements;
INSERT INTO statement_search (rowid, body)
SELECT i.search_id,
       s.text || ' ' || coalesce(s.gloss_en, '') || ' ' || s.note || ' ' || coalesce(
           (SELECT group_concat(coalesce(o.title, '') || ' ' || coalesce(o.excerpt, '') || ' ' || o.url, ' ')
              FROM sources o WHERE o.statement_id = s.id), '')
  FROM statements s JOIN statement_search_ids i ON i.statement_id = s.id;
