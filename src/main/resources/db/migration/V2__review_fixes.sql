-- Review fixes.

-- The journey audience looks for enrollments of contacts merged into a candidate.
CREATE INDEX contact_merged_into_ix ON contact (merged_into);
