-- International addresses (RFC 6531) and field rejections. Runs on PostgreSQL and on H2 in
-- PostgreSQL mode.

-- contact.email keeps the address as typed (trimmed, Unicode NFC); email_key is the one form
-- addresses are compared in (identity resolution, lookups): NFC, the local part lower-cased, the
-- domain in ASCII (punycode) lower case, written by the hub from email on every insert and update.
-- Stored addresses were lower-cased ASCII until now, so their key is the address itself.
ALTER TABLE contact ADD COLUMN email_key VARCHAR(320);
UPDATE contact SET email_key = LOWER(email) WHERE email IS NOT NULL;
DROP INDEX contact_email_ix;
CREATE INDEX contact_email_key_ix ON contact (email_key);

-- the suppression list holds email addresses in the same compared form (of addresses differing
-- only in case, the lower-case one stays, or else the first)
DELETE FROM suppression s
 WHERE s.channel = 'email' AND s.address <> LOWER(s.address)
   AND EXISTS (SELECT 1 FROM suppression o WHERE o.channel = s.channel AND LOWER(o.address) = LOWER(s.address)
                 AND (o.address = LOWER(o.address) OR o.address < s.address));
UPDATE suppression SET address = LOWER(address) WHERE channel = 'email' AND address <> LOWER(address);

-- a rejection may refuse one field of a record that was taken in without it: which field, the
-- contact it concerns in its source (explain shows a contact's refused fields), and whether the
-- record was kept; raw then holds the refused value, masked where it is personal data
ALTER TABLE rejected_record ADD COLUMN field VARCHAR(100);
ALTER TABLE rejected_record ADD COLUMN contact_key VARCHAR(200);
ALTER TABLE rejected_record ADD COLUMN record_kept BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX rejected_record_contact_ix ON rejected_record (contact_key, source);
