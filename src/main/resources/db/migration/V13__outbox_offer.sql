-- the offer a journey step carries: the name of the coupon pool a code is taken from when the
-- message is composed (issue 12), null for a step without an offer
ALTER TABLE outbox ADD COLUMN offer VARCHAR(64);
