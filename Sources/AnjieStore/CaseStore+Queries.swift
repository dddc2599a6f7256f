import AnjieDomain
import Foundation
import PostgresNIO

extension CaseStore {
    /// A case with its events. `revealPersonalData`: open the sealed ID numbers and phones (for roles
    /// that may see them); otherwise the events carry the masked form they are stored in.
    public func show(county: String, workflow: WorkflowID, caseNumber: String, revealPersonalData: Bool = false) async throws -> CaseDetail {
        let definition = try Workflows.named(workflow.rawValue)
        let vault = PersonalDataVault(db)
        return try await db.client.withConnection { connection in
            guard let summary = try await loadSummaries(
                "\(unescaped: Self.summarySelect) WHERE county = \(county) AND workflow = \(workflow.rawValue) AND case_no = \(caseNumber)", on: connection).first
            else { throw StoreError.notFound(workflow: workflow.rawValue, case: caseNumber) }
            let rows = try await connection.query("""
                SELECT e.seq, e.event, e.at, e.actor, e.data::text, e.recorded_at, pii.paths, pii.keys, pii.sealed
                FROM events e \(unescaped: revealPersonalData ? PersonalDataVault.lateralJoin : "CROSS JOIN (SELECT NULL::text[] AS paths, NULL::text[] AS keys, NULL::bytea[] AS sealed) pii")
                WHERE e.county = \(county) AND e.workflow = \(workflow.rawValue) AND e.case_no = \(caseNumber)
                ORDER BY e.seq
                """, logger: db.logger)
            var events: [EventRecord] = []
            for try await (seq, event, at, actor, data, recordedAt, paths, keyIDs, sealed)
                in rows.decode((Int, String, Date, String, String, Date, [String]?, [String]?, [ByteBuffer]?).self) {
                let stored = try Self.parseJSON(data).objectValue ?? [:]
                let shown = try vault.reveal(stored, county: county, workflow: workflow.rawValue, caseNumber: caseNumber, seq: seq,
                                             paths: paths, keyIDs: keyIDs, sealed: sealed)
                events.append(EventRecord(seq: seq, event: event, at: at, actor: actor, data: shown, recordedAt: recordedAt))
            }
            return CaseDetail(summary: summary, events: events, allowedEvents: definition.allowedEvents(in: summary.state))
        }
    }

    public func list(_ filter: CaseFilter) async throws -> [CaseSummary] {
        let start = filter.year.flatMap { LocalDate(year: $0, month: 1, day: 1) }?.startInstant
        let end = filter.year.flatMap { LocalDate(year: $0 + 1, month: 1, day: 1) }?.startInstant
        return try await db.client.withConnection { connection in
            try await loadSummaries("""
                \(unescaped: Self.summarySelect)
                WHERE county = \(filter.county)
                  AND (\(filter.workflow?.rawValue)::text IS NULL OR workflow = \(filter.workflow?.rawValue))
                  AND (\(filter.state)::text IS NULL OR state = \(filter.state))
                  AND (\(filter.township)::text IS NULL OR township = \(filter.township))
                  AND (\(start)::timestamptz IS NULL OR (opened_at >= \(start) AND opened_at < \(end)))
                  AND (cardinality(\(filter.townships)::text[]) = 0 OR township = ANY(\(filter.townships)))
                  AND (\(filter.after?.openedAt)::timestamptz IS NULL
                       OR (opened_at, workflow, case_no) < (\(filter.after?.openedAt), \(filter.after?.workflow), \(filter.after?.caseNumber)))
                ORDER BY opened_at DESC, workflow DESC, case_no DESC
                LIMIT \(filter.limit)
                """, on: connection)
        }
    }

    static let summarySelect = "SELECT \(summaryColumns) FROM cases"

    /// Reads case rows; the query starts with `summarySelect`.
    func loadSummaries(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [CaseSummary] {
        let rows = try await connection.query(query, logger: db.logger)
        var result: [CaseSummary] = []
        for try await (county, workflow, number, state, version, outcome, township, opened, closed, last)
            in rows.decode((String, String, String, String, Int, String?, String?, Date, Date?, Date).self) {
            guard let id = WorkflowID(rawValue: workflow) else { continue }
            result.append(CaseSummary(county: county, workflow: id, caseNumber: number, state: state, version: version,
                                      outcome: outcome, township: township, openedAt: opened, closedAt: closed,
                                      lastEventAt: last))
        }
        return result
    }
}
