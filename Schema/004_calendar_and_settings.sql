-- The working-day calendar as versioned data: each `anjie calendar load` adds a version of a year;
-- the newest version of a year wins over the calendar shipped in the binary. National reference
-- data, so not keyed by county (with Citus it would be a reference table).
CREATE TABLE calendar_years (
    year      integer     NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    version   integer     NOT NULL CHECK (version >= 1),
    holidays  date[]      NOT NULL,
    workdays  date[]      NOT NULL,
    source    text        NOT NULL,
    loaded_by text        NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, version)
);

-- Per-county settings for deadlines that LEGAL-NOTES marks as local practice.
CREATE TABLE county_settings (
    county     text        NOT NULL CHECK (county ~ '^[0-9]{6}$'),
    key        text        NOT NULL,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (county, key)
);
