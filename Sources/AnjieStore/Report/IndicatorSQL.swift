/// The SQL behind every indicator of `IndicatorRegistry`: one statement computes all of them for a
/// county and year (one round trip; no per-case loops in Swift). Each row is
/// (indicator id, numerator, denominator). Parameters: $1 county, $2 start of the year, $3 start of
/// the next (Asia/Shanghai), $4 township or NULL.
///
/// Period rules (report-2025.md): figures count events dated in [$2, $3); "at year end" means the
/// state at $3, i.e. the events dated before it.
enum IndicatorSQL {
    static let statement = """
        WITH
        scoped AS (
            SELECT * FROM cases c
            WHERE c.county = $1 AND ($4::text IS NULL OR c.township = $4) AND c.opened_at < $3
        ),
        med_ended AS (
            SELECT coalesce(c.organization_kind = 'labor', false) AS labor, bool_or(e.event = 'agree') AS agreed
            FROM events e JOIN scoped c USING (county, workflow, case_no)
            WHERE e.county = $1 AND e.workflow = 'mediation' AND e.event IN ('agree', 'fail', 'terminate')
              AND e.at >= $2 AND e.at < $3
            GROUP BY c.case_no, c.organization_kind
        ),
        confirmed AS (
            SELECT c.case_no, c.amount
            FROM events e JOIN scoped c USING (county, workflow, case_no)
            WHERE e.county = $1 AND e.workflow = 'mediation' AND e.event = 'confirmation_granted'
              AND e.at >= $2 AND e.at < $3
        ),
        big3 AS (
            SELECT c.opened_at >= $2 AS is_new,
                bool_or(e.event = 'escalation' AND e.at < $3) AS escalated,
                bool_or(e.event IN ('agree', 'rule') AND e.at < $3) AS concluded_by_end,
                bool_or(e.event IN ('agree', 'fail', 'terminate', 'rule') AND e.at < $2) AS ended_before_start,
                bool_or(e.event IN ('agree', 'rule') AND e.at >= $2 AND e.at < $3) AS concluded_in_year
            FROM scoped c JOIN events e USING (county, workflow, case_no)
            WHERE c.workflow = 'mediation' AND c.big3 IS NOT NULL
            GROUP BY c.case_no, c.opened_at
        ),
        disputes AS (
            SELECT c.county, c.workflow, c.case_no, c.channel,
                (SELECT x.event FROM events x
                 WHERE x.county = c.county AND x.workflow = c.workflow AND x.case_no = c.case_no AND x.at < $3
                 ORDER BY x.seq DESC LIMIT 1) IN ('mediation_succeeded', 'resolve') AS resolved
            FROM scoped c
            WHERE c.workflow = 'dispute' AND c.opened_at >= $2
        ),
        followed AS (
            SELECT d.county, d.workflow, d.case_no, r.routed_at,
                least($3, coalesce((
                    SELECT min(x.at) FROM events x
                    WHERE x.county = d.county AND x.workflow = d.workflow AND x.case_no = d.case_no
                      AND x.at >= r.routed_at AND x.event IN ('mediation_succeeded', 'resolve', 'close')), $3)) AS until
            FROM disputes d
            CROSS JOIN LATERAL (
                SELECT min(x.at) AS routed_at FROM events x
                WHERE x.county = d.county AND x.workflow = d.workflow AND x.case_no = d.case_no
                  AND x.event = 'route' AND x.at < $3) r
            WHERE NOT coalesce(d.resolved, false) AND r.routed_at IS NOT NULL
        ),
        follow_ups AS (
            SELECT f.case_no, x.at, x.data->>'kind' AS kind, x.data->>'tier' AS tier
            FROM followed f JOIN events x
              ON x.county = f.county AND x.workflow = f.workflow AND x.case_no = f.case_no
            WHERE x.event = 'follow_up' AND x.at >= f.routed_at AND x.at <= f.until
        ),
        cadence_points AS (
            SELECT case_no, kind, at FROM follow_ups
            UNION ALL SELECT case_no, k.kind, routed_at FROM followed, (VALUES ('weekly_review'), ('monthly_visit')) k(kind)
            UNION ALL SELECT case_no, k.kind, until FROM followed, (VALUES ('weekly_review'), ('monthly_visit')) k(kind)
        ),
        cadence_gaps AS (
            SELECT case_no,
                max(gap) FILTER (WHERE kind = 'weekly_review') AS weekly_gap,
                max(gap) FILTER (WHERE kind = 'monthly_visit') AS monthly_gap
            FROM (SELECT case_no, kind, at - lag(at) OVER (PARTITION BY case_no, kind ORDER BY at) AS gap
                  FROM cadence_points) p
            GROUP BY case_no
        ),
        cadence_met AS (
            SELECT g.case_no FROM cadence_gaps g
            WHERE g.weekly_gap <= interval '7 days' AND g.monthly_gap <= interval '31 days'
              AND (SELECT count(DISTINCT tier) FROM follow_ups u WHERE u.case_no = g.case_no) = 3
        ),
        year_events AS (
            SELECT c.workflow, c.case_no, c.stage, c.service, c.fee_waived, e.event, e.data
            FROM events e JOIN scoped c USING (county, workflow, case_no)
            WHERE e.county = $1 AND e.at >= $2 AND e.at < $3
              AND e.workflow IN ('review', 'admin_mediation', 'legal_aid', 'notarization')
        ),
        opened AS (
            SELECT * FROM scoped WHERE opened_at >= $2
        ),
        logs AS (
            SELECT * FROM log_records WHERE county = $1 AND at >= $2 AND at < $3
        )
        SELECT 'mediation.mediated', count(*) FILTER (WHERE NOT labor)::float8, NULL::float8 FROM med_ended
        UNION ALL SELECT 'mediation.succeeded', count(*) FILTER (WHERE NOT labor AND agreed), NULL FROM med_ended
        UNION ALL SELECT 'mediation.success_rate', count(*) FILTER (WHERE NOT labor AND agreed), count(*) FILTER (WHERE NOT labor) FROM med_ended
        UNION ALL SELECT 'mediation.judicial_confirmations', count(*), NULL FROM confirmed
        UNION ALL SELECT 'mediation.litigation_cost_saved', coalesce(sum(anjie_court_fee(amount)), 0)::float8, NULL FROM confirmed
        UNION ALL SELECT 'mediation.trainings', count(*), NULL FROM logs WHERE log = 'training'
        UNION ALL SELECT 'mediation.trainees', coalesce(sum(attendees), 0), NULL FROM logs WHERE log = 'training'
        UNION ALL SELECT 'mediation.big3_new', count(*) FILTER (WHERE is_new), NULL FROM big3
        UNION ALL SELECT 'mediation.big3_stable_rate', count(*) FILTER (WHERE is_new AND NOT escalated), count(*) FILTER (WHERE is_new) FROM big3
        UNION ALL SELECT 'mediation.big3_concluded', count(*) FILTER (WHERE is_new AND concluded_by_end), NULL FROM big3
        UNION ALL SELECT 'mediation.big3_conclusion_rate', count(*) FILTER (WHERE is_new AND concluded_by_end), count(*) FILTER (WHERE is_new) FROM big3
        UNION ALL SELECT 'mediation.big3_backlog', count(*) FILTER (WHERE NOT is_new AND NOT ended_before_start AND concluded_in_year),
                         count(*) FILTER (WHERE NOT is_new AND NOT ended_before_start) FROM big3
        UNION ALL SELECT 'mediation.labor_resolved', count(*) FILTER (WHERE labor AND agreed), NULL FROM med_ended
        UNION ALL SELECT 'mediation.labor_success_rate', count(*) FILTER (WHERE labor AND agreed), count(*) FILTER (WHERE labor) FROM med_ended
        UNION ALL SELECT 'center.visitors', count(*), NULL FROM logs WHERE log = 'reception' AND site = 'center'
        UNION ALL SELECT 'center.desk_consultations', count(*), NULL FROM logs WHERE log = 'desk_consultation' AND site = 'center'
        UNION ALL SELECT 'center.cases', count(*), NULL FROM opened WHERE workflow IN ('dispute', 'matter')
        UNION ALL SELECT 'center.disputes', count(*), NULL FROM disputes
        UNION ALL SELECT 'center.disputes_police', count(*) FILTER (WHERE channel = 'police_push'), NULL FROM disputes
        UNION ALL SELECT 'center.disputes_walk_in', count(*) FILTER (WHERE channel = 'walk_in'), NULL FROM disputes
        UNION ALL SELECT 'center.disputes_resolved', count(*) FILTER (WHERE resolved), NULL FROM disputes
        UNION ALL SELECT 'center.other_matters', count(*), NULL FROM opened WHERE workflow = 'matter'
        UNION ALL SELECT 'center.legal_consultations', count(*), NULL FROM opened WHERE workflow = 'matter' AND kind = 'legal_consultation'
        UNION ALL SELECT 'center.unresolved_followed', count(*) FILTER (WHERE NOT coalesce(resolved, false)), NULL FROM disputes
        UNION ALL SELECT 'center.unresolved_followed_cadence', (SELECT count(*) FROM cadence_met),
                         count(*) FILTER (WHERE NOT coalesce(resolved, false)) FROM disputes
        UNION ALL SELECT 'review.received', count(*), NULL FROM opened WHERE workflow = 'review'
        UNION ALL SELECT 'review.concluded', count(DISTINCT case_no), NULL FROM year_events
                  WHERE workflow = 'review' AND event IN ('decide', 'terminate')
        UNION ALL SELECT 'review.public_hearings', count(*), NULL FROM year_events
                  WHERE workflow = 'review' AND event = 'hearing' AND (data->>'public')::boolean
        UNION ALL SELECT 'review.mediation_cases', count(*), NULL FROM opened WHERE workflow = 'admin_mediation'
        UNION ALL SELECT 'review.mediated_in_review', count(DISTINCT case_no), NULL FROM year_events
                  WHERE workflow = 'admin_mediation' AND stage = 'in_review' AND event = 'agree'
        UNION ALL SELECT 'review.prelitigation_open', count(*), NULL FROM scoped c
                  WHERE c.workflow = 'admin_mediation' AND c.stage = 'pre_litigation' AND NOT EXISTS (
                      SELECT 1 FROM events x WHERE x.county = c.county AND x.workflow = c.workflow AND x.case_no = c.case_no
                        AND x.event IN ('agree', 'fail') AND x.at < $3)
        UNION ALL SELECT 'review.correction_rate',
                         count(*) FILTER (WHERE data->>'outcome' IN ('change', 'revoke', 'confirm_illegal', 'order_performance', 'confirm_invalid')),
                         count(*) FROM year_events WHERE workflow = 'review' AND event = 'decide'
        UNION ALL SELECT 'legal_aid.visitors', count(*), NULL FROM logs WHERE log = 'reception' AND site = 'legal_service'
        UNION ALL SELECT 'legal_aid.cases', count(DISTINCT case_no), NULL FROM year_events
                  WHERE workflow = 'legal_aid' AND event IN ('grant', 'notify', 'objection_upheld')
        UNION ALL SELECT 'notary.matters', count(DISTINCT case_no), NULL FROM year_events
                  WHERE workflow = 'notarization' AND event = 'accept'
        UNION ALL SELECT 'notary.appointments', count(DISTINCT case_no), NULL FROM year_events
                  WHERE workflow = 'notarization' AND event = 'accept' AND service = 'appointment'
        UNION ALL SELECT 'notary.home_visits', count(DISTINCT case_no), NULL FROM year_events
                  WHERE workflow = 'notarization' AND event = 'accept' AND service = 'home_visit' AND fee_waived
        UNION ALL SELECT 'legal_aid.enterprise_checkups', count(DISTINCT credit_code), NULL FROM logs WHERE log = 'enterprise_checkup'
        """
}
