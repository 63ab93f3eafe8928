-- Who has an article open: one row per live event stream, refreshed while it lasts; rows of a
-- stream whose instance died expire by their age.
CREATE TABLE presence (
    id TEXT PRIMARY KEY NOT NULL,
    article_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    seen_at TIMESTAMP NOT NULL
);
CREATE INDEX presence_article ON presence (article_id, seen_at);
