-- Log records: reception visits, desk consultations, mediator trainings, enterprise check-ups.
-- Counted by the annual report, not cases; append-only like events.

CREATE TABLE log_records (
    county      text        NOT NULL CHECK (county ~ '^[0-9]{6}$'),
    id          text        NOT NULL CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    log         text        NOT NULL,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    data        jsonb       NOT NULL DEFAULT '{}',
    -- Typed copies of the fields statistics count by.
    site        text,
    attendees   integer     CHECK (attendees >= 0),
    credit_code text,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (county, id)
);

CREATE INDEX log_records_by_kind_and_time ON log_records (county, log, at);

CREATE TRIGGER log_records_append_only
    BEFORE UPDATE OR DELETE ON log_records
    FOR EACH ROW EXECUTE FUNCTION anjie_refuse_event_change();

CREATE TRIGGER log_records_no_truncate
    BEFORE TRUNCATE ON log_records
    FOR EACH STATEMENT EXECUTE FUNCTION anjie_refuse_event_change();
