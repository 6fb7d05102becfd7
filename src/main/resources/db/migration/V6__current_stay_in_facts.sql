-- A contact's current stay in a segment is its contact_fact row: lifecycle, reason and, new here,
-- lifecycle_since. segment_membership keeps only the stays that ended, written once when a contact
-- moves on, so a first classification of a million contacts writes no history row at all.
ALTER TABLE contact_fact ADD COLUMN lifecycle_since TIMESTAMP WITH TIME ZONE;
UPDATE contact_fact SET lifecycle_since = COALESCE(
    (SELECT MAX(m.entered_at) FROM segment_membership m WHERE m.contact_id = contact_fact.contact_id AND m.left_at IS NULL),
    classified_at, computed_at);
ALTER TABLE contact_fact ALTER COLUMN lifecycle_since SET NOT NULL;
DROP INDEX contact_fact_classified_ix;
ALTER TABLE contact_fact DROP COLUMN classified_at;

-- the last complaint: the we-fixed-it treatment lasts for the policy's complaints.lookback after it
-- (filled by the first run after this migration, which is a full one: the rules changed)
ALTER TABLE contact_fact ADD COLUMN last_complaint_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE segment_agg ADD COLUMN last_complaint_at TIMESTAMP WITH TIME ZONE;

DELETE FROM segment_membership WHERE left_at IS NULL;
ALTER TABLE segment_membership ALTER COLUMN left_at SET NOT NULL;

-- the current stays of the contacts a segment run is about to reclassify, kept while it runs
-- (filled and emptied by the run)
CREATE TABLE segment_prev (
    contact_id          BIGINT PRIMARY KEY,
    lifecycle           VARCHAR(16)  NOT NULL,
    lifecycle_reason    VARCHAR(300) NOT NULL,
    lifecycle_since     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- one segment run at a time (a full run spans several transactions)
INSERT INTO hub_lock (name) VALUES ('segment');
