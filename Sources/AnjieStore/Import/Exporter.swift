import AnjieDomain
import Foundation
import PostgresNIO

/// `anjie export`: the interchange format, streamed (rows are written as they arrive), in time
/// order. Export → import into an empty database reproduces every case, event and log record.
/// Sealed ID numbers and phones are opened (`revealPersonalData`, the default): an export is a full
/// copy for administrators and needs the key. Without it, `revealPersonalData: false` exports the
/// masked form, which re-imports only where the masks are not needed (no ID checks on import of them).
public struct Exporter: Sendable {
    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Cases opened in `year` (with all their events, so they replay) and log records of that year;
    /// everything when `year` is nil. Returns the number of lines written.
    @discardableResult
    public func run(county: String?, workflow: WorkflowID?, year: Int?, revealPersonalData: Bool = true,
                    write: (String) async throws -> Void) async throws -> Int {
        let vault = PersonalDataVault(db)
        let (start, end) = YearBounds.filter(year)
        var count = 0
        let events = try await db.client.query("""
            SELECT e.county, e.workflow, e.case_no, e.seq, e.event, e.at, e.actor, e.data::text, pii.paths, pii.keys, pii.sealed
            FROM events e JOIN cases c USING (county, workflow, case_no)
            \(unescaped: PersonalDataVault.lateralJoin)
            WHERE (\(county)::text IS NULL OR e.county = \(county))
              AND (\(workflow?.rawValue)::text IS NULL OR e.workflow = \(workflow?.rawValue))
              AND (\(start)::timestamptz IS NULL OR (c.opened_at >= \(start) AND c.opened_at < \(end)))
            ORDER BY e.at, e.county, e.workflow, e.case_no, e.seq
            """, logger: db.logger)
        for try await (county, workflow, number, seq, event, at, actor, text, paths, keyIDs, sealed)
            in events.decode((String, String, String, Int, String, Date, String, String, [String]?, [String]?, [ByteBuffer]?).self) {
            guard let id = WorkflowID.registered(workflow) else { continue }
            var data = try CaseStore.parseJSON(text).objectValue ?? [:]
            if revealPersonalData {
                data = try vault.reveal(data, county: county, workflow: workflow, caseNumber: number, seq: seq,
                                        paths: paths, keyIDs: keyIDs, sealed: sealed)
            }
            try await write(Interchange.encode(.event(.init(county: county, workflow: id, caseNumber: number, event: event, at: at,
                                                      actor: actor, data: data))))
            count += 1
        }
        guard workflow == nil else { return count }
        let logs = try await db.client.query("""
            SELECT county, log, id, at, actor, data::text FROM log_records
            WHERE (\(county)::text IS NULL OR county = \(county))
              AND (\(start)::timestamptz IS NULL OR (at >= \(start) AND at < \(end)))
            ORDER BY at, county, id
            """, logger: db.logger)
        for try await (county, log, id, at, actor, data) in logs.decode((String, String, String, Date, String, String).self) {
            guard let kind = LogKind(rawValue: log) else { continue }
            try await write(Interchange.encode(.log(.init(county: county, kind: kind, id: id, at: at, actor: actor,
                                                    data: try CaseStore.parseJSON(data).objectValue ?? [:]))))
            count += 1
        }
        return count
    }
}
