-- Review fixes.

-- The journey audience looks for enrollments of contacts merged into a candidate.
CREATE INDEX contact_merged_into_ix ON contact (merged_into);

-- A rejection is kept once: SQL sources re-read an overlap past their watermark and a failed file
-- may be dropped again, so the same bad record comes back with the same reason. dedup_key is the
-- line and record key ("12:C7", ":C7", ":"), never NULL, so a unique index can hold on both stores.
ALTER TABLE rejected_record ADD COLUMN dedup_key VARCHAR(230) NOT NULL DEFAULT '';
UPDATE rejected_record
   SET dedup_key = COALESCE(CAST(line_no AS VARCHAR(20)), '') || ':' || COALESCE(record_key, '');
DELETE FROM rejected_record r
 WHERE EXISTS (SELECT 1 FROM rejected_record o
                WHERE o.source = r.source AND o.location = r.location AND o.dedup_key = r.dedup_key
                  AND o.reason = r.reason AND o.id < r.id);
CREATE UNIQUE INDEX rejected_record_uk ON rejected_record (source, location, dedup_key, reason);
