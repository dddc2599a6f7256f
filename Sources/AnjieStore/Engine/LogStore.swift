import AnjieDomain
import Foundation
import PostgresNIO

public struct LogRequest: Sendable {
    public var county: String
    public var kind: LogKind
    /// Nil: the next id (`R-2025-000031`) is assigned.
    public var id: String?
    public var at: Date
    public var actor: String
    public var data: EventData

    public init(county: String, kind: LogKind, id: String?, at: Date, actor: String, data: EventData) {
        self.county = county
        self.kind = kind
        self.id = id
        self.at = at
        self.actor = actor
        self.data = data
    }
}

public struct LogRecord: Sendable, Equatable {
    public var county: String
    public var id: String
    public var kind: String
    public var at: Date
    public var actor: String
    public var data: EventData
}

/// Log records (reception, desk consultations, trainings, enterprise check-ups).
public struct LogStore: Sendable {
    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public enum Written: Sendable, Equatable {
        case added(String)
        /// The id exists already (a re-import); nothing was written.
        case alreadyPresent(String)
    }

    @discardableResult
    public func add(_ request: LogRequest) async throws -> Written {
        try await db.transaction { try await add(request, on: $0) }
    }

    public func add(_ request: LogRequest, on connection: PostgresConnection) async throws -> Written {
        let data = try Self.validated(request)
        let id: String
        if let given = request.id {
            id = given
        } else {
            let year = LocalDate(request.at).year
            let next = try await Counter.next(request.county, "log:" + request.kind.rawValue, year: year, on: connection, logger: db.logger)
            id = "\(request.kind.idPrefix)-\(year)-" + String(next).leftPadded(to: 6)
        }
        let typed = Self.typedColumns(data)
        let rows = try await connection.query("""
            INSERT INTO log_records (county, id, log, at, actor, data, site, attendees, credit_code)
            VALUES (\(request.county), \(id), \(request.kind.rawValue), \(request.at), \(request.actor),
                    \(try CaseStore.jsonText(.object(data)))::jsonb, \(typed.site), \(typed.attendees), \(typed.creditCode))
            ON CONFLICT (county, id) DO NOTHING
            RETURNING id
            """, logger: db.logger)
        for try await _ in rows { return .added(id) }
        return .alreadyPresent(id)
    }

    /// Checks a request and returns its normalised data. Shared with the importer, which validates a
    /// whole chunk before writing it, so both paths accept exactly the same records.
    static func validated(_ request: LogRequest) throws -> EventData {
        _ = try CountyCode.validate(request.county)
        if let id = request.id { _ = try CaseNumber.validate(id) }
        try CaseStore.checkActor(request.actor)
        return try request.kind.validate(request.data, at: request.at)
    }

    /// The typed copies of the fields statistics count by (columns `site`, `attendees`, `credit_code`).
    static func typedColumns(_ data: EventData) -> (site: String?, attendees: Int?, creditCode: String?) {
        (data["site"]?.stringValue, data["attendees"]?.numberValue.map { Int($0) }, data["credit_code"]?.stringValue)
    }

    public func list(county: String, kind: LogKind?, year: Int?, limit: Int = 200) async throws -> [LogRecord] {
        let (start, end) = YearBounds.filter(year)
        let rows = try await db.client.query("""
            SELECT county, id, log, at, actor, data::text FROM log_records
            WHERE county = \(county)
              AND (\(kind?.rawValue)::text IS NULL OR log = \(kind?.rawValue))
              AND (\(start)::timestamptz IS NULL OR (at >= \(start) AND at < \(end)))
            ORDER BY at DESC, id DESC
            LIMIT \(limit)
            """, logger: db.logger)
        var records: [LogRecord] = []
        for try await (county, id, log, at, actor, data) in rows.decode((String, String, String, Date, String, String).self) {
            records.append(LogRecord(county: county, id: id, kind: log, at: at, actor: actor,
                                     data: try CaseStore.parseJSON(data).objectValue ?? [:]))
        }
        return records
    }
}
