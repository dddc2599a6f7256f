-- Corrections (更正, issue 17): the log stays append-only, so a mistake is fixed by a `correct`
-- event (an ordinary row of `events`, hash-chained like any other). This table holds, per corrected
-- event, the net effect of its corrections — derived data like the cases row, written in the same
-- statement as the `correct` event and recomputable from the log (`anjie audit verify` compares).
-- `effective_events` is the history every figure, deadline and list reads: corrected times and
-- values applied, voided events and the `correct` events themselves left out.
CREATE TABLE event_corrections (
    county   text        NOT NULL,
    workflow text        NOT NULL,
    case_no  text        NOT NULL,
    seq      integer     NOT NULL,
    at       timestamptz,
    data     jsonb,
    void     boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (county, workflow, case_no, seq),
    FOREIGN KEY (county, workflow, case_no, seq) REFERENCES events (county, workflow, case_no, seq)
);

CREATE VIEW effective_events AS
SELECT e.county, e.workflow, e.case_no, e.seq, e.event, coalesce(x.at, e.at) AS at, e.actor,
       CASE WHEN x.data IS NULL THEN e.data ELSE e.data || x.data END AS data
FROM events e
LEFT JOIN event_corrections x USING (county, workflow, case_no, seq)
WHERE e.event <> 'correct' AND x.void IS NOT TRUE;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anjie_app') THEN
        GRANT SELECT, INSERT, UPDATE ON event_corrections TO anjie_app;
        GRANT SELECT ON effective_events TO anjie_app;
    END IF;
END
$$;
