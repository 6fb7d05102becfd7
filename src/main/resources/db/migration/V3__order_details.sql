-- What a purchase bought and which discounts it used (shop orders). JSON text, bounded:
-- discount_codes [{"code","amount","type"}], items [{"sku","title","quantity","price"}].
-- Runs on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE contact_event ADD COLUMN discount_amount NUMERIC(14, 2);
ALTER TABLE contact_event ADD COLUMN discount_codes VARCHAR(1000);
ALTER TABLE contact_event ADD COLUMN items VARCHAR(8000);
