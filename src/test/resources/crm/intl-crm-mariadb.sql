DROP TABLE IF EXISTS credit_notes;
DROP TABLE IF EXISTS invoices;
DROP TABLE IF EXISTS customers;
CREATE TABLE customers (
  id INT PRIMARY KEY,
  first_name VARCHAR(300), last_name VARCHAR(100), email VARCHAR(200), phone VARCHAR(30),
  email_optout VARCHAR(10), updated_at DATETIME(3) NOT NULL
) CHARACTER SET utf8mb4;
CREATE TABLE invoices (
  inv_no VARCHAR(20) PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL,
  issued_at DATETIME NOT NULL, updated_at DATETIME(3) NOT NULL
);
CREATE TABLE credit_notes (
  note_no VARCHAR(20) PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL,
  issued_at DATETIME NOT NULL, updated_at DATETIME(3) NOT NULL
);
INSERT INTO customers VALUES
  (1, 'Lucía', 'García', 'lucía.garcía5@example.org', '+34 611 000 001', 'N', NOW() - INTERVAL 1 DAY),
  (2, 'José', 'Núñez', 'JOSÉ@bücher.de', NULL, 'Y', NOW() - INTERVAL 1 DAY + INTERVAL 1 MINUTE),
  (3, '伟', '王', '用户@例子.广告', NULL, 'N', NOW() - INTERVAL 1 DAY + INTERVAL 2 MINUTE),
  (4, CONCAT('Maximiliano', REPEAT('o', 240)), 'Mayor', 'max@example.org', '611 000 004', 'Y', NOW() - INTERVAL 1 DAY + INTERVAL 3 MINUTE),
  (5, 'Bea', 'Bravo', 'bea@example.org', NULL, 'maybe', NOW() - INTERVAL 1 DAY + INTERVAL 4 MINUTE),
  (6, 'Eva', 'Esteban', 'eva@@example.org', '611 000 006', 'Y', NOW() - INTERVAL 1 DAY + INTERVAL 5 MINUTE);
INSERT INTO invoices VALUES
  ('INV-1', 1, 49.90, NOW() - INTERVAL 30 DAY, NOW() - INTERVAL 1 DAY + INTERVAL 10 MINUTE),
  ('INV-2', 2, -20.00, NOW() - INTERVAL 20 DAY, NOW() - INTERVAL 1 DAY + INTERVAL 11 MINUTE),
  ('INV-3', 3, 15.00, '1900-01-01 10:00:00', NOW() - INTERVAL 1 DAY + INTERVAL 12 MINUTE),
  ('INV-4', 6, 80.00, NOW() - INTERVAL 10 DAY, NOW() - INTERVAL 1 DAY + INTERVAL 13 MINUTE);
INSERT INTO credit_notes VALUES
  ('CN-1', 1, 9.90, NOW() - INTERVAL 25 DAY, NOW() - INTERVAL 1 DAY + INTERVAL 14 MINUTE);
