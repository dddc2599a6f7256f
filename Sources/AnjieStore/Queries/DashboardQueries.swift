import AnjieDomain
import Foundation
import PostgresNIO

/// The cases behind a report figure, so a supervisor can click a number and see what it counts.
/// Each definition is the numerator of the indicator of the same id in `IndicatorSQL`, written as a
/// condition on one case; a test keeps every count here equal to the report's numerator.
/// Parameters: $1 county, $2 start of the year, $3 start of the next, $4 township scope (empty: all).
public struct IndicatorCases: Sendable {
    /// Indicator id → condition on the case row `c`. Figures that count events rather than cases
    /// (hearings), sum amounts or come from log records have no entry: they link nowhere.
    static let conditions: [String: String] = {
        func event(_ names: String, inYear: Bool = true) -> String {
            """
            EXISTS (SELECT 1 FROM events e WHERE e.county = c.county AND e.workflow = c.workflow AND e.case_no = c.case_no
                    AND e.event IN (\(names)) AND \(inYear ? "e.at >= $2 AND " : "")e.at < $3)
            """
        }
        let openedInYear = "c.opened_at >= $2 AND c.opened_at < $3"
        let notLabor = "NOT coalesce(c.organization_kind = 'labor', false)"
        let mediated = "c.workflow = 'mediation' AND \(notLabor) AND \(event("'agree', 'fail', 'terminate'"))"
        let succeeded = "c.workflow = 'mediation' AND \(notLabor) AND \(event("'agree'"))"
        let big3New = "c.workflow = 'mediation' AND c.big3 IS NOT NULL AND \(openedInYear)"
        let big3Concluded = "\(big3New) AND \(event("'agree', 'rule'", inYear: false))"
        // "Resolved" is the state at year end: the last event before $3 is a resolving one.
        let lastEventResolves = """
            (SELECT x.event FROM events x WHERE x.county = c.county AND x.workflow = c.workflow AND x.case_no = c.case_no
               AND x.at < $3 ORDER BY x.seq DESC LIMIT 1) IN ('mediation_succeeded', 'resolve')
            """
        let disputes = "c.workflow = 'dispute' AND \(openedInYear)"
        return [
            "mediation.mediated": mediated,
            "mediation.succeeded": succeeded,
            "mediation.success_rate": succeeded,
            "mediation.judicial_confirmations": "c.workflow = 'mediation' AND \(event("'confirmation_granted'"))",
            "mediation.big3_new": big3New,
            "mediation.big3_concluded": big3Concluded,
            "mediation.big3_conclusion_rate": big3Concluded,
            "mediation.labor_resolved": "c.workflow = 'mediation' AND c.organization_kind = 'labor' AND \(event("'agree'"))",
            "center.cases": "c.workflow IN ('dispute', 'matter') AND \(openedInYear)",
            "center.disputes": disputes,
            "center.disputes_police": "\(disputes) AND c.channel = 'police_push'",
            "center.disputes_walk_in": "\(disputes) AND c.channel = 'walk_in'",
            "center.disputes_resolved": "\(disputes) AND coalesce(\(lastEventResolves), false)",
            "center.unresolved_followed": "\(disputes) AND NOT coalesce(\(lastEventResolves), false)",
            "center.other_matters": "c.workflow = 'matter' AND \(openedInYear)",
            "center.legal_consultations": "c.workflow = 'matter' AND c.kind = 'legal_consultation' AND \(openedInYear)",
            "review.received": "c.workflow = 'review' AND \(openedInYear)",
            "review.concluded": "c.workflow = 'review' AND \(event("'decide', 'terminate'"))",
            "review.mediation_cases": "c.workflow = 'admin_mediation' AND \(openedInYear)",
            "review.mediated_in_review": "c.workflow = 'admin_mediation' AND c.stage = 'in_review' AND \(event("'agree'"))",
            "legal_aid.cases": "c.workflow = 'legal_aid' AND \(event("'grant', 'notify', 'objection_upheld'"))",
            "notary.matters": "c.workflow = 'notarization' AND \(event("'accept'"))",
            "notary.appointments": "c.workflow = 'notarization' AND c.service = 'appointment' AND \(event("'accept'"))",
            "notary.home_visits": "c.workflow = 'notarization' AND c.service = 'home_visit' AND c.fee_waived AND \(event("'accept'"))",
        ]
    }()

    public static var supportedIndicators: Set<String> { Set(conditions.keys) }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// How many cases the figure counts, and the newest `limit` of them after `offset`.
    public func cases(indicator id: String, county: String, year: Int, townships: [String],
                      limit: Int, offset: Int = 0) async throws -> (total: Int, cases: [CaseSummary])? {
        guard let condition = Self.conditions[id] else { return nil }
        guard let start = LocalDate(year: year, month: 1, day: 1), let end = LocalDate(year: year + 1, month: 1, day: 1) else {
            throw DomainError.invalidInput("年份无效", "invalid year")
        }
        let scope = """
            FROM cases c WHERE c.county = $1 AND c.opened_at < $3
              AND (cardinality($4::text[]) = 0 OR c.township = ANY($4)) AND \(condition)
            """
        func binds() -> PostgresBindings {
            var binds = PostgresBindings()
            binds.append(county)
            binds.append(start.startInstant)
            binds.append(end.startInstant)
            binds.append(townships)
            return binds
        }
        var total = 0
        for try await count in try await db.client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int \(scope)", binds: binds()),
                                                         logger: db.logger).decode(Int.self) {
            total = count
        }
        let select = """
            SELECT c.county, c.workflow, c.case_no, c.state, c.version, c.outcome, c.township, c.opened_at, c.closed_at, c.last_event_at
            \(scope) ORDER BY c.opened_at DESC, c.workflow DESC, c.case_no DESC LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """
        let store = CaseStore(db)
        let page = try await db.client.withConnection { connection in
            try await store.loadSummaries(PostgresQuery(unsafeSQL: select, binds: binds()), on: connection)
        }
        return (total, page)
    }
}

/// How many cases a case-list filter matches in all (the listing itself returns one page).
public struct CaseCounts: Sendable {
    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// The conditions of `CaseStore.list`, without its cursor and limit.
    public func count(_ filter: CaseFilter) async throws -> Int {
        let (start, end) = YearBounds.filter(filter.year)
        let rows = try await db.client.query("""
            SELECT count(*)::int FROM cases
            WHERE county = \(filter.county)
              AND (\(filter.workflow?.rawValue)::text IS NULL OR workflow = \(filter.workflow?.rawValue))
              AND (\(filter.state)::text IS NULL OR state = \(filter.state))
              AND (\(filter.township)::text IS NULL OR township = \(filter.township))
              AND (\(start)::timestamptz IS NULL OR (opened_at >= \(start) AND opened_at < \(end)))
              AND (cardinality(\(filter.townships)::text[]) = 0 OR township = ANY(\(filter.townships)))
            """, logger: db.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
