-- Personal data at rest (issue 7): events keep the masked form of every ID number and phone; the
-- clear value is sealed here with AES-256-GCM under a key the database never sees, bound to its
-- place (county, case, event, path) so a sealed value copied elsewhere does not open. `lookup` is
-- an HMAC of the value under a key derived from the same master key: equal values give equal
-- hashes, so a person can be found without decrypting; without the key it says nothing.
-- Unlike events these rows may be rewritten, by one command only: `anjie pii rotate`.
CREATE TABLE pii_values (
    county   text    NOT NULL,
    workflow text    NOT NULL,
    case_no  text    NOT NULL,
    seq      integer NOT NULL,
    path     text    NOT NULL,
    kind     text    NOT NULL CHECK (kind IN ('id_number', 'phone')),
    key_id   text    NOT NULL,
    sealed   bytea   NOT NULL,
    lookup   bytea   NOT NULL,
    -- No foreign key to events: the vault writes each row in the transaction of its event, and
    -- the check's per-row lookup, planned while `events` looked empty, made an import quadratic
    -- (a 1,000-row chunk took 0.08 s at the start of a 30,000-event file and 0.9 s at its end).
    -- An orphan row (no event) could only be unused; `anjie audit verify` opens every event's values.
    PRIMARY KEY (county, workflow, case_no, seq, path)
);
CREATE INDEX pii_values_lookup ON pii_values (county, lookup);

-- The keys that have sealed values. A process holding another key refuses to add values sealed
-- with it, so a lost or swapped key file cannot silently split the data between two keys.
CREATE TABLE pii_keys (
    key_id     text        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz
);
