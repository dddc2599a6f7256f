import AnjieDomain
import Foundation
import PostgresNIO

/// `anjie export`: the interchange format, streamed (rows are written as they arrive), in time
/// order. Export → import into an empty database reproduces every case, event and log record.
/// The data is not masked: an export is a full copy for administrators.
public struct Exporter: Sendable {
    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Cases opened in `year` (with all their events, so they replay) and log records of that year;
    /// everything when `year` is nil. Returns the number of lines written.
    @discardableResult
    public func run(county: String?, workflow: WorkflowID?, year: Int?, write: (String) async throws -> Void) async throws -> Int {
        let start = year.flatMap { LocalDate(year: $0, month: 1, day: 1) }?.startInstant
        let end = year.flatMap { LocalDate(year: $0 + 1, month: 1, day: 1) }?.startInstant
        var count = 0
        let events = try await db.client.query("""
            SELECT e.county, e.workflow, e.case_no, e.event, e.at, e.actor, e.data::text
            FROM events e JOIN cases c USING (county, workflow, case_no)
            WHERE (\(county)::text IS NULL OR e.county = \(county))
              AND (\(workflow?.rawValue)::text IS NULL OR e.workflow = \(workflow?.rawValue))
              AND (\(start)::timestamptz IS NULL OR (c.opened_at >= \(start) AND c.opened_at < \(end)))
            ORDER BY e.at, e.county, e.workflow, e.case_no, e.seq
            """, logger: db.logger)
        for try await (county, workflow, number, event, at, actor, data) in events.decode((String, String, String, String, Date, String, String).self) {
            guard let id = WorkflowID(rawValue: workflow) else { continue }
            try await write(Interchange.encode(.event(.init(county: county, workflow: id, caseNumber: number, event: event, at: at,
                                                      actor: actor, data: try CaseStore.parseJSON(data).objectValue ?? [:]))))
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
