ALTER TABLE articles ADD COLUMN assigned_to TEXT REFERENCES users (id);
ALTER TABLE articles ADD COLUMN signed_off_by TEXT REFERENCES users (id);
ALTER TABLE articles ADD COLUMN signed_off_at TIMESTAMP;

-- approval: none (no verdict yet) | pending | approved | rejected | not_required
ALTER TABLE statements ADD COLUMN assigned_to TEXT REFERENCES users (id);
ALTER TABLE statements ADD COLUMN approval TEXT NOT NULL DEFAULT 'none';
ALTER TABLE statements ADD COLUMN approved_by TEXT REFERENCES users (id);
ALTER TABLE statements ADD COLUMN approved_at TIMESTAMP;
ALTER TABLE statements ADD COLUMN rejection_reason TEXT;
CREATE INDEX statements_assigned_to ON statements (assigned_to);
CREATE INDEX articles_assigned_to ON articles (assigned_to);

CREATE TABLE comments (
    id TEXT PRIMARY KEY NOT NULL,
    statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    mentions TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comments_statement_id ON comments (statement_id, created_at);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('two_person_rule', 'on');
