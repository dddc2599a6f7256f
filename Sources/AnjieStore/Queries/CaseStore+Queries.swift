import AnjieDomain
import Foundation
import PostgresNIO

extension CaseStore {
    /// A case with its events. `revealPersonalData`: open the sealed ID numbers and phones (for roles
    /// that may see them); otherwise the events carry the masked form they are stored in. A case
    /// outside `scope` is not found, as if it did not exist.
    public func show(county: String, workflow: WorkflowID, caseNumber: String, revealPersonalData: Bool = false,
                     scope: TownshipScope = .wholeCounty) async throws -> CaseDetail {
        let definition = try Workflows.named(workflow.rawValue)
        let vault = PersonalDataVault(db)
        // One round trip: the case row rides along with each of its events (every case has one).
        let rows = try await db.client.query("""
            SELECT c.county, c.workflow, c.case_no, c.state, c.version, c.outcome, c.township, c.opened_at, c.closed_at,
                   c.last_event_at, e.seq, e.event, e.at, e.actor, e.data::text, e.recorded_at, pii.paths, pii.keys, pii.sealed
            FROM cases c JOIN events e USING (county, workflow, case_no)
            \(unescaped: revealPersonalData ? PersonalDataVault.lateralJoin : "CROSS JOIN (SELECT NULL::text[] AS paths, NULL::text[] AS keys, NULL::bytea[] AS sealed) pii")
            WHERE c.county = \(county) AND c.workflow = \(workflow.rawValue) AND c.case_no = \(caseNumber)
              AND \(township: "c.township", in: scope)
            ORDER BY e.seq
            """, logger: db.logger)
        var summary: CaseSummary?
        var events: [EventRecord] = []
        for try await (rowCounty, _, number, state, version, outcome, township, opened, closed, last,
                       seq, event, at, actor, data, recordedAt, paths, keyIDs, sealed)
            in rows.decode((String, String, String, String, Int, String?, String?, Date, Date?, Date,
                            Int, String, Date, String, String, Date, [String]?, [String]?, [ByteBuffer]?).self) {
            if summary == nil {
                summary = CaseSummary(county: rowCounty, workflow: workflow, caseNumber: number, state: state, version: version,
                                      outcome: outcome, township: township, openedAt: opened, closedAt: closed, lastEventAt: last)
            }
            let stored = try Self.parseJSON(data).objectValue ?? [:]
            let shown = try vault.reveal(stored, county: county, workflow: workflow.rawValue, caseNumber: caseNumber, seq: seq,
                                         paths: paths, keyIDs: keyIDs, sealed: sealed)
            events.append(EventRecord(seq: seq, event: event, at: at, actor: actor, data: shown, recordedAt: recordedAt))
        }
        guard let summary else { throw StoreError.notFound(workflow: workflow.rawValue, case: caseNumber) }
        return CaseDetail(summary: summary, events: events, allowedEvents: definition.allowedEvents(in: summary.state))
    }

    /// The case row alone (state, version, township), without its events.
    public func summary(county: String, workflow: WorkflowID, caseNumber: String) async throws -> CaseSummary? {
        try await db.client.withConnection { connection in
            try await loadSummaries(
                "\(unescaped: Self.summarySelect) WHERE county = \(county) AND workflow = \(workflow.rawValue) AND case_no = \(caseNumber)",
                on: connection).first
        }
    }

    public func list(_ filter: CaseFilter) async throws -> [CaseSummary] {
        let (start, end) = YearBounds.filter(filter.year)
        return try await db.client.withConnection { connection in
            try await loadSummaries("""
                \(unescaped: Self.summarySelect)
                WHERE county = \(filter.county)
                  AND (\(filter.workflow?.rawValue)::text IS NULL OR workflow = \(filter.workflow?.rawValue))
                  AND (\(filter.state)::text IS NULL OR state = \(filter.state))
                  AND (\(filter.township)::text IS NULL OR township = \(filter.township))
                  AND (\(filter.category)::text IS NULL OR category = \(filter.category))
                  AND (\(start)::timestamptz IS NULL OR (opened_at >= \(start) AND opened_at < \(end)))
                  AND \(township: "township", in: TownshipScope(filter.townships))
                  AND (\(filter.after?.openedAt)::timestamptz IS NULL
                       OR (opened_at, workflow, case_no) < (\(filter.after?.openedAt), \(filter.after?.workflow), \(filter.after?.caseNumber)))
                ORDER BY opened_at DESC, workflow DESC, case_no DESC
                LIMIT \(filter.limit) OFFSET \(filter.offset)
                """, on: connection)
        }
    }

    /// How many cases the filter matches in all, whatever page is listed (`after`, `offset` and
    /// `limit` aside): the listing's "共 2746 件，显示第 1–200 件" and the API's `total`.
    public func count(_ filter: CaseFilter) async throws -> Int {
        let (start, end) = YearBounds.filter(filter.year)
        let rows = try await db.client.query("""
            SELECT count(*)::int FROM cases
            WHERE county = \(filter.county)
              AND (\(filter.workflow?.rawValue)::text IS NULL OR workflow = \(filter.workflow?.rawValue))
              AND (\(filter.state)::text IS NULL OR state = \(filter.state))
              AND (\(filter.township)::text IS NULL OR township = \(filter.township))
              AND (\(filter.category)::text IS NULL OR category = \(filter.category))
              AND (\(start)::timestamptz IS NULL OR (opened_at >= \(start) AND opened_at < \(end)))
              AND \(township: "township", in: TownshipScope(filter.townships))
            """, logger: db.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    static let summarySelect = "SELECT \(summaryColumns) FROM cases"

    /// Reads case rows; the query starts with `summarySelect`.
    func loadSummaries(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [CaseSummary] {
        let rows = try await connection.query(query, logger: db.logger)
        var result: [CaseSummary] = []
        for try await (county, workflow, number, state, version, outcome, township, opened, closed, last)
            in rows.decode((String, String, String, String, Int, String?, String?, Date, Date?, Date).self) {
            guard let id = WorkflowID.registered(workflow) else { continue }
            result.append(CaseSummary(county: county, workflow: id, caseNumber: number, state: state, version: version,
                                      outcome: outcome, township: township, openedAt: opened, closedAt: closed,
                                      lastEventAt: last))
        }
        return result
    }
}
