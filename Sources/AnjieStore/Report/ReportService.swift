import AnjieDomain
import Foundation
import PostgresNIO

/// The annual report recomputed from records: every indicator of the registry, one SQL statement
/// compiled from their declarations (`IndicatorSQL`).
public struct ReportService: Sendable {
    public struct Report: Sendable {
        public let county: String
        public let year: Int
        public let township: String?
        public let results: [IndicatorResult]
        /// The county's registered name (issue 16); nil when it is not registered.
        public var countyName: String? = nil

        /// "柳城县（450222）", or the bare code of an unregistered county: how headers name it.
        public var countyLabel: String { countyName.map { RegisteredCounty.label(name: $0, code: county) } ?? county }

        public func result(_ id: String) -> IndicatorResult? { results.first { $0.indicator.id == id } }
    }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// The report's one statement, as compiled from the indicator declarations ($1 county, $2/$3
    /// the year's bounds, $4 township or NULL).
    public static func statement() throws -> String {
        try IndicatorSQL.statement.get()
    }

    public func report(county: String, year: Int, township: String? = nil) async throws -> Report {
        _ = try CountyCode.validate(county)
        let bounds = try YearBounds.checked(year)
        var binds = PostgresBindings()
        binds.append(county)
        binds.append(bounds.start)
        binds.append(bounds.end)
        binds.append(township)
        let rows = try await db.client.query(PostgresQuery(unsafeSQL: try IndicatorSQL.statement.get(), binds: binds), logger: db.logger)
        var counts: [String: IndicatorCounts] = [:]
        for try await (id, numerator, denominator) in rows.decode((String, Double, Double?).self) {
            counts[id] = IndicatorCounts(numerator: numerator, denominator: denominator)
        }
        let results = IndicatorRegistry.all.map { indicator in
            // Log records have no township: a township's report cannot count them.
            let available = township == nil || indicator.source == .cases
            return IndicatorResult(indicator, counts: available ? counts[indicator.id] : nil)
        }
        return Report(county: county, year: year, township: township, results: results,
                      countyName: try await CountyStore(db).name(county))
    }
}
