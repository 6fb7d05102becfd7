-- Engagement feedback (issue 13): each event about a message names its outbox row, and an event
-- that does not count as engagement says why (a machine open of a mail privacy proxy, a link
-- scanner's click): kept, but left out of facts, sunset and reports. Inbound webhook events are
-- kept once per provider event id (contact_event's unique source + external_id).
ALTER TABLE contact_event ADD COLUMN outbox_id BIGINT;
ALTER TABLE contact_event ADD COLUMN flagged VARCHAR(100);
UPDATE contact_event SET outbox_id = CAST(SUBSTRING(external_id, 8) AS BIGINT)
    WHERE source = 'hub' AND external_id LIKE 'outbox:%';
CREATE INDEX contact_event_outbox_ix ON contact_event (outbox_id, type);
CREATE INDEX outbox_provider_message_ix ON outbox (provider_message_id);
