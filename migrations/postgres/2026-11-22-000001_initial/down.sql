DROP TABLE audit_events;
DROP FUNCTION audit_events_refuse_change();
DROP TABLE sources;
DROP TABLE statements;
DROP TABLE articles;
DROP TABLE sessions;
DROP TABLE users;
