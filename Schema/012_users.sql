-- People who sign in to the dashboard with a name and a password (issue 17); API tokens stay for
-- machines. A name is unique across counties because the sign-in form asks for no county.
-- `password_hash` is "pbkdf2-sha256$<iterations>$<salt, base64>$<key, base64>" (UserStore): the
-- iteration count travels with the hash so it can be raised without locking anyone out.
CREATE TABLE users (
    name                text        PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
    county              text        NOT NULL CHECK (county ~ '^[0-9]{6}$'),
    role                text        NOT NULL CHECK (role IN ('clerk', 'mediator', 'supervisor', 'auditor', 'admin')),
    townships           text[]      NOT NULL DEFAULT '{}',
    password_hash       text        NOT NULL CHECK (password_hash LIKE 'pbkdf2-sha256$%'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    disabled_at         timestamptz
);

-- A signed-in browser: the cookie holds "anjieu_<id>_<secret>", the row only a SHA-256 hash of the
-- secret. Signing out deletes the row; a new password or disabling the user deletes them all.
CREATE TABLE user_sessions (
    id          text        PRIMARY KEY CHECK (id ~ '^[0-9a-f]{12}$'),
    user_name   text        NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    secret_hash text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX user_sessions_by_user ON user_sessions (user_name);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anjie_app') THEN
        GRANT SELECT, INSERT, UPDATE ON users TO anjie_app;
        GRANT SELECT, INSERT, DELETE ON user_sessions TO anjie_app;
    END IF;
END
$$;
