DROP INDEX login_failures_client;
DROP INDEX login_failures_username_client;
ALTER TABLE login_failures DROP COLUMN client;
