DROP TABLE IF EXISTS crm_activities;
DROP TABLE IF EXISTS crm_contacts;
DROP TABLE IF EXISTS crm_accounts;
CREATE TABLE crm_accounts (id BIGINT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE crm_contacts (
  id BIGINT PRIMARY KEY, account_id BIGINT NOT NULL REFERENCES crm_accounts(id),
  email_address TEXT, phone_number TEXT, name_first TEXT, name_last TEXT,
  do_not_email CHAR(1) NOT NULL DEFAULT 'N', modified TIMESTAMPTZ NOT NULL
);
CREATE TABLE crm_activities (
  activity_id BIGINT PRIMARY KEY, contact_id BIGINT NOT NULL REFERENCES crm_contacts(id),
  kind TEXT NOT NULL, value_eur NUMERIC(10,2), happened TIMESTAMPTZ NOT NULL, modified TIMESTAMPTZ NOT NULL
);
INSERT INTO crm_accounts VALUES (1, 'Floristería Lirio', 'active'), (2, 'Antigua SL', 'deleted');
INSERT INTO crm_contacts VALUES
  (100, 1, 'wanda@example.com', '+34 622 111 000', 'Wanda', 'Wong', 'N', now() - interval '2 days' + interval '5 minutes'),
  (101, 1, 'xavi@example.com', NULL, 'Xavi', 'Xirau', 'Y', now() - interval '2 days' + interval '10 minutes'),
  (102, 2, 'yago@example.com', NULL, 'Yago', 'Yáñez', 'N', now() - interval '2 days' + interval '15 minutes'),
  (103, 1, 'teo@example.com', NULL, 'Teo', 'Torres', 'N', now() - interval '2 days' + interval '20 minutes');
INSERT INTO crm_activities VALUES
  (1000, 100, 'deal_won', 250.00, now() - interval '300 days', now() - interval '2 days' + interval '25 minutes'),
  (1001, 100, 'store_visit', NULL, now() - interval '100 days', now() - interval '2 days' + interval '30 minutes'),
  (1002, 101, 'deal_won', 80.00, now() - interval '10 days', now() - interval '2 days' + interval '35 minutes'),
  (1003, 103, 'deal_won', 40.00, now() - interval '50 days', now() - interval '2 days' + interval '40 minutes');
