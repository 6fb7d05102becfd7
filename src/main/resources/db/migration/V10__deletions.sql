-- Deletions in a source. A deleted record's reference ends (kept, with when and why: the source may
-- undelete it); a contact left with no live reference is archived (kept, not classified, not
-- messaged); a deleted event stops counting in the facts. Runs on H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE source_ref ADD COLUMN ended_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE source_ref ADD COLUMN end_reason VARCHAR(300);
ALTER TABLE contact ADD COLUMN archived_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contact ADD COLUMN archive_reason VARCHAR(300);
ALTER TABLE contact_event ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contact_event ADD COLUMN deleted_reason VARCHAR(300);
