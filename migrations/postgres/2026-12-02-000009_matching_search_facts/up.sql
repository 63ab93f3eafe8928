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
    statements BIGINT NOT NULL
);
CREATE FUNCTION key_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE key_counts SET statements = statements - 1 WHERE key = OLD.key;
    ELSE
        INSERT INTO key_counts (key, statements) VALUES (NEW.key, 1)
        ON CONFLICT (key) DO UPDATE SET statements = key_counts.statements + 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER key_counts_follow
    AFTER INSERT OR DELETE ON statement_keys
    FOR EACH ROW EXECUTE FUNCTION key_counts_follow();

-- The earlier statements a statement was found to match, scored when it was stored; a
-- dismissed match stays, marked, so that it is not offered again.
CREATE TABLE statement_matches (
    statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    match_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    score DOUBLE PRECISION NOT NULL,
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
    value DOUBLE PRECISION,
    unit TEXT,
    date DATE,
    source_url TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

-- Full-text search over statements, their notes and sources, stemmed in the article's
-- language (French or English configuration).
CREATE TABLE statement_search (
    statement_id TEXT PRIMARY KEY NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX statement_search_document ON statement_search USING GIN (document);

CREATE FUNCTION statement_search_refresh(sid TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO statement_search (statement_id, document)
    SELECT s.id,
           to_tsvector(
               (CASE a.language WHEN 'fr' THEN 'french' ELSE 'english' END)::regconfig,
               s.text || ' ' || coalesce(s.gloss_en, '') || ' ' || s.note || ' ' || coalesce(
                   (SELECT string_agg(coalesce(o.title, '') || ' ' || coalesce(o.excerpt, '') || ' ' || o.url, ' ')
                      FROM sources o WHERE o.statement_id = s.id), ''))
      FROM statements s JOIN articles a ON a.id = s.article_id
     WHERE s.id = sid
    ON CONFLICT (statement_id) DO UPDATE SET document = excluded.document;
$$;

CREATE FUNCTION statement_search_on_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM statement_search_refresh(NEW.id);
    RETURN NULL;
END;
$$;

CREATE FUNCTION statement_search_on_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM statement_search_refresh(OLD.statement_id);
    ELSE
        PERFORM statement_search_refresh(NEW.statement_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER statement_search_statement
    AFTER INSERT OR UPDATE OF text, gloss_en, note ON statements
    FOR EACH ROW EXECUTE FUNCTION statement_search_on_statement();
CREATE TRIGGER statement_search_source
    AFTER INSERT OR DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION statement_search_on_source();

-- Statements stored before this migration.
SELECT statement_search_refresh(id) FROM statements;
