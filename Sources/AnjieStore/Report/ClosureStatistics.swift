import AnjieDomain
import Foundation
import PostgresNIO

/// Supervisors' closure figures: cases received in a year, how many are concluded (a concluding
/// event of their workflow before the year's end), the rate, and the median days to conclude.
public struct ClosureStatistics: Sendable {
    public enum Grouping: String, Sendable, CaseIterable {
        case township, category, workflow
    }

    public struct Row: Sendable, Equatable {
        public var group: String
        public var received: Int
        public var concluded: Int
        public var medianDays: Double?

        public var rate: Double? {
            received > 0 ? Rounding.halfUpPercent(Int64(concluded), Int64(received), decimals: 1) : nil
        }
    }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// `townships`: only cases of these townships (a township-scoped supervisor's charts); empty: all.
    public func closure(county: String, year: Int, by grouping: Grouping, workflow: WorkflowID? = nil,
                        townships: [String] = []) async throws -> [Row] {
        let bounds = try YearBounds.checked(year)
        let column: String
        switch grouping {
        case .township: column = "c.township"
        case .category: column = "c.category"
        case .workflow: column = "c.workflow"
        }
        var binds = PostgresBindings()
        binds.append(county)
        binds.append(bounds.start)
        binds.append(bounds.end)
        binds.append(ClosureDefinition.keys)
        binds.append(workflow?.rawValue)
        binds.append(townships)
        let sql = """
            SELECT coalesce(\(column), '—') AS grp, count(*)::int,
                   count(done.at)::int,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM done.at - c.opened_at) / 86400)
                        FILTER (WHERE done.at IS NOT NULL))::float8
            FROM cases c
            LEFT JOIN LATERAL (
                SELECT min(e.at) AS at FROM effective_events e
                WHERE e.county = c.county AND e.workflow = c.workflow AND e.case_no = c.case_no
                  AND e.at < $3 AND (e.workflow || ':' || e.event) = ANY($4)
            ) done ON done.at IS NOT NULL
            WHERE c.county = $1 AND c.opened_at >= $2 AND c.opened_at < $3
              AND ($5::text IS NULL OR c.workflow = $5)
              AND (cardinality($6::text[]) = 0 OR c.township = ANY($6))
            GROUP BY 1
            ORDER BY 2 DESC, 1
            """
        let rows = try await db.client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: db.logger)
        var result: [Row] = []
        for try await (group, received, concluded, median) in rows.decode((String, Int, Int, Double?).self) {
            result.append(Row(group: group, received: received, concluded: concluded, medianDays: median))
        }
        return result
    }
}
