DROP TABLE IF EXISTS support_cases;
DROP TABLE IF EXISTS sales_orders;
DROP TABLE IF EXISTS person_mail;
DROP TABLE IF EXISTS people;
CREATE TABLE people (
  person_id INT PRIMARY KEY,
  given_name VARCHAR(80), family_name VARCHAR(80), mobile VARCHAR(30),
  no_sms TINYINT(1) NOT NULL DEFAULT 0, archived BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at DATETIME(3) NOT NULL
);
CREATE TABLE person_mail (
  person_id INT NOT NULL REFERENCES people(person_id), address VARCHAR(200) NOT NULL,
  is_primary BOOLEAN NOT NULL, unsubscribed TINYINT(1) NOT NULL DEFAULT 0
);
CREATE TABLE sales_orders (
  order_no VARCHAR(20) PRIMARY KEY, person_id INT NOT NULL REFERENCES people(person_id),
  total DECIMAL(10,2) NOT NULL, currency CHAR(3) NOT NULL, ordered_on DATETIME NOT NULL,
  cancelled BOOLEAN NOT NULL DEFAULT FALSE, updated_at DATETIME(3) NOT NULL
);
CREATE TABLE support_cases (
  case_id INT PRIMARY KEY, person_id INT NOT NULL REFERENCES people(person_id),
  kind VARCHAR(20) NOT NULL, opened_at DATETIME NOT NULL, updated_at DATETIME(3) NOT NULL
);
INSERT INTO people VALUES
  (1, 'Rosa', 'Ramos', '+34 611 222 333', 0, FALSE, NOW() - INTERVAL 2 DAY + INTERVAL 5 MINUTE),
  (2, 'Saúl', 'Serrano', NULL, 1, FALSE, NOW() - INTERVAL 2 DAY + INTERVAL 10 MINUTE),
  (3, 'Teo', 'Torres', '611222444', 0, FALSE, NOW() - INTERVAL 2 DAY + INTERVAL 15 MINUTE),
  (4, 'Úrsula', 'Uría', NULL, 0, TRUE, NOW() - INTERVAL 2 DAY + INTERVAL 20 MINUTE),
  (5, 'Vera', 'Vidal', NULL, 0, FALSE, NOW() - INTERVAL 2 DAY + INTERVAL 25 MINUTE);
INSERT INTO person_mail VALUES
  (1, 'Rosa.Ramos@Example.com', TRUE, 0),
  (1, 'rosa.old@example.com', FALSE, 0),
  (2, 'saul@example.com', TRUE, 1),
  (3, 'teo@example.com', TRUE, 0),
  (4, 'ursula@example.com', TRUE, 0),
  (5, 'vera at example.com', TRUE, 0);
INSERT INTO sales_orders VALUES
  ('SO-1', 1, 120.50, 'EUR', NOW() - INTERVAL 200 DAY, FALSE, NOW() - INTERVAL 2 DAY + INTERVAL 30 MINUTE),
  ('SO-2', 1, 35.00, 'EUR', NOW() - INTERVAL 150 DAY, FALSE, NOW() - INTERVAL 2 DAY + INTERVAL 35 MINUTE),
  ('SO-3', 2, 18.20, 'EUR', NOW() - INTERVAL 20 DAY, FALSE, NOW() - INTERVAL 2 DAY + INTERVAL 40 MINUTE),
  ('SO-4', 3, 99.00, 'USD', NOW() - INTERVAL 400 DAY, TRUE, NOW() - INTERVAL 2 DAY + INTERVAL 45 MINUTE);
INSERT INTO support_cases VALUES
  (10, 1, 'complaint', NOW() - INTERVAL 149 DAY, NOW() - INTERVAL 2 DAY + INTERVAL 50 MINUTE),
  (11, 2, 'question', NOW() - INTERVAL 19 DAY, NOW() - INTERVAL 2 DAY + INTERVAL 55 MINUTE);
