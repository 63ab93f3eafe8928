DROP TRIGGER audit_events_no_delete;
DROP TRIGGER audit_events_no_update;
DROP TABLE audit_events;
DROP TABLE sources;
DROP TABLE statements;
DROP TABLE articles;
DROP TABLE sessions;
DROP TABLE users;
