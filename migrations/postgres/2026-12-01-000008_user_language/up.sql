-- The interface language a person chose (fr or en); NULL: follow the browser.
ALTER TABLE users ADD COLUMN language TEXT;
