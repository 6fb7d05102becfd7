-- Journeys of many steps (issue 12): exits to a nurture journey, the frequency cap, re-entry.

-- the journey a clicker of this run was handed to (exit.nurture), set once the hand-off is done, so
-- a click moves the contact on once; and the run whose exit brought the contact into this one
ALTER TABLE enrollment ADD COLUMN handed_to VARCHAR(64);
ALTER TABLE enrollment ADD COLUMN entered_from BIGINT;

-- the frequency cap counts each contact's messages, and a step's condition reads the messages of
-- its run: both look the outbox up by contact
CREATE INDEX outbox_contact_ix ON outbox (contact_id, not_before);

-- one planning batch at a time, across instances: a batch counts a contact's messages for the
-- frequency cap and writes its new ones under this row's lock, so two journeys (or two hubs)
-- planning the same contact at once cannot both take its last free slot
INSERT INTO hub_lock (name) VALUES ('plan');
