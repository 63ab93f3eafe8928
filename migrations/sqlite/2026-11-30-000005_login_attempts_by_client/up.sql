-- Login attempts are counted per (username, client address) and per client address, so that a
-- stranger's wrong guesses never lock the account's owner out from another address.
ALTER TABLE login_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_username_client ON login_failures (username, client, failed_at);
CREATE INDEX login_failures_client ON login_failures (client, failed_at);
