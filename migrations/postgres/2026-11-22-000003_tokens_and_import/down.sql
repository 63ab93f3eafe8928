DROP INDEX articles_url;
DROP INDEX articles_content_hash;
ALTER TABLE articles DROP COLUMN content_hash;
DROP TABLE api_tokens;
