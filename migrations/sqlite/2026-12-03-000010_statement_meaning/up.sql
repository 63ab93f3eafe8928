-- What each statement means, as the optional sentence encoder sees it: a unit vector of 512
-- numbers stored as signed bytes scaled by the largest component (512 bytes + a 4-byte scale),
-- compared by cosine when two statements are scored. Absent when the encoder is not installed.
CREATE TABLE statement_meaning (
    statement_id TEXT PRIMARY KEY NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
