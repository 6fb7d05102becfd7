-- Who looks after a contact in a source (a CRM record's owner, such as Salesforce's OwnerId).
ALTER TABLE source_ref ADD COLUMN owner VARCHAR(100);
