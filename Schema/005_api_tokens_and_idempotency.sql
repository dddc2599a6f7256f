-- Bearer tokens for the HTTP API: stored only as a SHA-256 hash of their secret, revocable.
CREATE TABLE api_tokens (
    county      text        NOT NULL CHECK (county ~ '^[0-9]{6}$'),
    id          text        NOT NULL CHECK (id ~ '^[0-9a-f]{12}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role        text        NOT NULL CHECK (role IN ('clerk', 'mediator', 'supervisor', 'auditor', 'admin')),
    townships   text[]      NOT NULL DEFAULT '{}',
    secret_hash text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    PRIMARY KEY (county, id)
);

-- The id is in the token itself, so lookups need no county; unique across counties.
CREATE UNIQUE INDEX api_tokens_by_id ON api_tokens (id);

-- A POST retried with the same Idempotency-Key returns the first response and writes nothing new.
-- The row is inserted in the same transaction as the write it guards.
CREATE TABLE idempotency_keys (
    county       text        NOT NULL,
    token_id     text        NOT NULL,
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash text        NOT NULL,
    status       integer     NOT NULL,
    response     text        NOT NULL,
    headers      jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (county, token_id, key)
);
