-- Tamper evidence: each event stores SHA-256(previous event's hash || canonical encoding of the
-- event), so editing or removing a stored event breaks the chain of its case from there on.
-- The case row keeps the newest hash so a write needs no extra read.
ALTER TABLE events ADD COLUMN hash bytea;
ALTER TABLE cases ADD COLUMN last_hash bytea;
