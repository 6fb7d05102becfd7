-- Which provider a message was handed to (issue 12): email through SMTP or SendGrid, SMS through
-- Twilio, Kannel, a JSON gateway or an SMSC, each chosen per journey or per destination country
-- (hub.email.routes, hub.sms.routes). Written when the message is marked SENDING, so an UNCERTAIN
-- row names the provider to check with, and results can be counted per provider.
ALTER TABLE outbox ADD COLUMN provider VARCHAR(32);
