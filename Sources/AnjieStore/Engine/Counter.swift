import Logging
import PostgresNIO

/// Per-county, per-year counters for automatic numbers, advanced inside the caller's transaction.
enum Counter {
    static func next(_ county: String, _ name: String, year: Int, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            INSERT INTO case_counters (county, workflow, year, last) VALUES (\(county), \(name), \(year), 1)
            ON CONFLICT (county, workflow, year) DO UPDATE SET last = case_counters.last + 1
            RETURNING last
            """, logger: logger)
        for try await value in rows.decode(Int.self) { return value }
        return 1
    }
}
