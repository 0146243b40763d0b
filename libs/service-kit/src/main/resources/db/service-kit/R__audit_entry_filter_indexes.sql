-- The auditor's filters (GET /audit?actor=&from=&to=) read the newest entries of one actor or of a time window:
-- indexed so that a long audit log is not read in full. Repeatable (and idempotent), so that databases migrated
-- before these filters existed get the indexes too, whatever versions their services have applied since.
create index if not exists audit_entry_actor on audit_entry (actor, id);
create index if not exists audit_entry_occurred_at on audit_entry (occurred_at);
