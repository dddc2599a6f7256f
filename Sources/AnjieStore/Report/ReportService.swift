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
        // A clock measure's column is NULL here; `withClockFigures` fills it in.
        for try await (id, numerator, denominator) in rows.decode((String, Double?, Double?).self) {
            counts[id] = IndicatorCounts(numerator: numerator ?? 0, denominator: denominator)
        }
        let clockResults = try await ClockFigures(db: db).compute(
            ClockFigures.measures(of: IndicatorRegistry.all), county: county, bounds: bounds, townships: township.map { [$0] })
        let results = IndicatorRegistry.all.map { indicator in
            // Log records have no township: a township's report cannot count them.
            let available = township == nil || indicator.source == .cases
            let computed = counts[indicator.id].flatMap { Self.withClockFigures($0, indicator, clockResults) }
            return IndicatorResult(indicator, counts: available ? computed : nil)
        }
        return Report(county: county, year: year, township: township, results: results,
                      countyName: try await CountyStore(db).name(county))
    }

    /// The statement leaves clock measures NULL; their values come from the deadline engine. A
    /// clock figure without data ("no data", not 0) makes the whole indicator uncomputed.
    static func withClockFigures(_ counts: IndicatorCounts, _ indicator: Indicator,
                                 _ clocks: [ClockMeasure: ClockFigures.Result]) -> IndicatorCounts? {
        func value(_ measure: Measure?) -> Double?? {
            guard let measure, case .clocks(let clock)? = try? IndicatorSQL.resolve(measure, in: IndicatorRegistry.all, from: indicator.id)
            else { return .none }
            return .some(clocks[clock]?.value ?? nil)
        }
        var counts = counts
        switch value(indicator.computation.numerator) {
        case .none: break
        case .some(nil): return nil
        case .some(let number?): counts.numerator = number
        }
        switch value(indicator.computation.denominator) {
        case .none: break
        case .some(nil): return nil
        case .some(let number?): counts.denominator = number
        }
        return counts
    }
}
