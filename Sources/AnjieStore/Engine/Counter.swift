import Logging
import PostgresNIO

/// Per-county, per-year counters for automatic numbers, advanced inside the caller's transaction.
enum Counter {
    static func next(_ county: String, _ name: String, year: Int, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await next(county, name, year: year, township: nil, scope: .wholeCounty, on: connection, logger: logger) ?? 1
    }

    /// The next number, or nil (the counter untouched) when `township` lies outside `scope`: a case
    /// the writer may not open takes no number, so refusals leave no gaps.
    static func next(_ county: String, _ name: String, year: Int, township: String?, scope: TownshipScope,
                     on connection: PostgresConnection, logger: Logger) async throws -> Int? {
        var query = SQLBuilder()
        query.sql = """
            INSERT INTO case_counters (county, workflow, year, last)
            SELECT \(query.bind(county)), \(query.bind(name)), \(query.bind(year)), 1
            WHERE \(TownshipScope.condition("\(query.bind(township ?? ""))::text", in: query.bind(scope.townships)))
            ON CONFLICT (county, workflow, year) DO UPDATE SET last = case_counters.last + 1
            RETURNING last
            """
        let rows = try await connection.query(query.query, logger: logger)
        for try await value in rows.decode(Int.self) { return value }
        return nil
    }
}
