-- Agencies (DOMAIN.md Part II, Common ground): the county's bodies as reference data, like the
-- township register. An `agency` field must name one (by name or credit code) and is stored as the
-- name; `cases.agency` keeps the opening event's agency for figures by agency.
CREATE TABLE county_agencies (
    county  text NOT NULL REFERENCES counties (county),
    code    text NOT NULL CHECK (code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    name    text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    level   text NOT NULL CHECK (level IN ('county_government', 'department', 'township', 'other')),
    PRIMARY KEY (county, name)
);
CREATE UNIQUE INDEX county_agencies_by_code ON county_agencies (county, code);

ALTER TABLE cases ADD COLUMN agency text;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anjie_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON county_agencies TO anjie_app;
    END IF;
END
$$;

-- The value of a county setting in force, NULL when the county keeps the declared default (which
-- the caller supplies: defaults live with their declarations in the code). Scoped indicators read
-- it at query time, so a changed setting changes the figure without recompiling the statement.
CREATE FUNCTION anjie_setting(p_county text, p_key text) RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT value FROM county_settings WHERE county = p_county AND key = p_key $$;
