-- The county register (issue 16): every county the database serves has a name, and a register of
-- its townships that a `township` value must match (a name, the 12-digit statistical code or an
-- alias; stored as the name). Keys start with `county`, like every other table.
CREATE TABLE counties (
    county            text        PRIMARY KEY CHECK (county ~ '^[0-9]{6}$'),
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    -- The county commands use when none is named and several are registered.
    is_default        boolean     NOT NULL DEFAULT false,
    -- Incremented by every change of the township register: processes keep the register in
    -- memory and reload it when this moves.
    register_version  integer     NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX counties_one_default ON counties (is_default) WHERE is_default;

CREATE TABLE county_townships (
    county   text   NOT NULL REFERENCES counties (county),
    name     text   NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    code     text   CHECK (code ~ '^[0-9]{12}$'),
    aliases  text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (county, name)
);
CREATE UNIQUE INDEX county_townships_by_code ON county_townships (county, code) WHERE code IS NOT NULL;

-- The register is reference data the application maintains (`anjie county …`), so the
-- application role may replace it, as migration 008 grants for the other maintained tables.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anjie_app') THEN
        GRANT SELECT, INSERT, UPDATE ON counties TO anjie_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON county_townships TO anjie_app;
    END IF;
END
$$;
