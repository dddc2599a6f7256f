-- Cases and their append-only event log.
--
-- Every primary, unique and foreign key starts with the county code, so the tables can later be
-- distributed by county (Citus) or partitioned by it without changing a key.

CREATE TABLE cases (
    county            text        NOT NULL CHECK (county ~ '^[0-9]{6}$'),
    workflow          text        NOT NULL,
    case_no           text        NOT NULL CHECK (case_no ~ '^[A-Za-z0-9_-]{1,64}$'),
    state             text        NOT NULL,
    -- Number of accepted events; an event is written only against the version it was decided on.
    version           integer     NOT NULL CHECK (version >= 1),
    -- Set by closing events (resolved, withdrawn, …), cleared by reopen.
    outcome           text,
    -- Typed facts of the opening event that statistics filter on.
    township          text,
    category          text,
    channel           text,
    source            text,
    organization_kind text,
    big3              text,
    big3_nature       text,
    kind              text,
    stage             text,
    service           text,
    case_type         text,
    fee_waived        boolean,
    amount            numeric(16, 2) CHECK (amount >= 0),
    opened_at         timestamptz NOT NULL,
    closed_at         timestamptz,
    last_event_at     timestamptz NOT NULL,
    -- The workflow's guard memory (e.g. "assessed since entering assessing"), folded from events.
    context           jsonb       NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (county, workflow, case_no)
);

CREATE INDEX cases_by_state ON cases (county, workflow, state);
CREATE INDEX cases_by_township ON cases (county, township, workflow);
CREATE INDEX cases_by_opened ON cases (county, workflow, opened_at);

CREATE TABLE events (
    county      text        NOT NULL,
    workflow    text        NOT NULL,
    case_no     text        NOT NULL,
    seq         integer     NOT NULL CHECK (seq >= 1),
    event       text        NOT NULL,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    data        jsonb       NOT NULL DEFAULT '{}',
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (county, workflow, case_no, seq),
    FOREIGN KEY (county, workflow, case_no) REFERENCES cases (county, workflow, case_no)
);

-- Statistics ask "which events of this kind happened in the year".
CREATE INDEX events_by_kind_and_time ON events (county, workflow, event, at);

-- The log is append-only, enforced by the database and not only by the code.
CREATE FUNCTION anjie_refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % refused (事件记录只能追加，不能修改或删除)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION anjie_refuse_event_change();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION anjie_refuse_event_change();

-- Automatic case numbers (JF-2025-00001), one counter per county, workflow and year.
CREATE TABLE case_counters (
    county   text    NOT NULL,
    workflow text    NOT NULL,
    year     integer NOT NULL,
    last     integer NOT NULL,
    PRIMARY KEY (county, workflow, year)
);
