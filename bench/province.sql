-- Grows a database holding one county's records (e.g. the demo's 450222) into a synthetic
-- province: :copies copies of every case, event and log record for each of the 99 other county
-- codes 450201…450300, case numbers suffixed per copy; 450222 itself keeps its own records, so its
-- report inside the province is the same as alone. For measuring the report at scale only: the copies
-- bypass the workflow engine (they are copies of records that went through it) and their hash
-- chains are not recomputed, so `anjie audit verify` will flag them.
\set ON_ERROR_STOP on
-- :counties (default 100) limits the province to the first N county codes, for short runs.
\if :{?counties}
\else
\set counties 100
\endif
BEGIN;
CREATE TEMP TABLE county_codes AS
    SELECT (450200 + n)::text AS code FROM generate_series(1, :counties) n WHERE (450200 + n)::text <> '450222';
CREATE TEMP TABLE copies AS SELECT generate_series(1, :copies) AS k;

INSERT INTO cases (county, workflow, case_no, state, version, outcome, township, category, channel, source,
                   organization_kind, big3, big3_nature, kind, stage, service, case_type, fee_waived, amount,
                   opened_at, closed_at, last_event_at, context, last_hash)
SELECT cc.code, c.workflow, c.case_no || '-P' || k, c.state, c.version, c.outcome, c.township, c.category, c.channel,
       c.source, c.organization_kind, c.big3, c.big3_nature, c.kind, c.stage, c.service, c.case_type, c.fee_waived,
       c.amount, c.opened_at, c.closed_at, c.last_event_at, c.context, c.last_hash
FROM cases c CROSS JOIN county_codes cc CROSS JOIN copies
WHERE c.county = '450222' AND c.case_no NOT LIKE '%-P%';

INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data, hash)
SELECT cc.code, e.workflow, e.case_no || '-P' || k, e.seq, e.event, e.at, e.actor, e.data, e.hash
FROM events e CROSS JOIN county_codes cc CROSS JOIN copies
WHERE e.county = '450222' AND e.case_no NOT LIKE '%-P%';

INSERT INTO log_records (county, id, log, at, actor, data, site, attendees, credit_code)
SELECT cc.code, l.id || '-P' || k, l.log, l.at, l.actor, l.data, l.site, l.attendees, l.credit_code
FROM log_records l CROSS JOIN county_codes cc CROSS JOIN copies
WHERE l.county = '450222' AND l.id NOT LIKE '%-P%';
COMMIT;
ANALYZE cases;
ANALYZE events;
ANALYZE log_records;
SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM log_records) AS log_records, (SELECT count(DISTINCT county) FROM cases) AS counties;
