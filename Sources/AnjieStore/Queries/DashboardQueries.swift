import AnjieDomain
import Foundation
import PostgresNIO

/// The cases behind a report figure, so a supervisor can click a number and see what it counts.
/// Each list is the numerator of the indicator of the same id, compiled from its declaration by
/// `IndicatorSQL` (the same source as the report's aggregate); a test keeps every count equal to
/// the report's numerator. Every figure that counts cases has a list; figures that count events
/// (hearings), sum amounts or come from log records link nowhere.
/// Parameters: $1 county, $2 start of the year, $3 start of the next, $4 township scope (empty: all).
public struct IndicatorCases: Sendable {
    /// Indicator id → condition on the case row `c`.
    static var conditions: [String: String] { IndicatorSQL.caseLists }

    /// Figures computed by the deadline engine (`Measure.clocks`): their lists are the cases the
    /// engine counted, not a SQL condition.
    static let clockMeasures: [String: ClockMeasure] = {
        var measures: [String: ClockMeasure] = [:]
        for indicator in IndicatorRegistry.all {
            if case .clocks(let clock)? = try? IndicatorSQL.resolve(indicator.computation.numerator, in: IndicatorRegistry.all,
                                                                    from: indicator.id) {
                measures[indicator.id] = clock
            }
        }
        return measures
    }()

    public static var supportedIndicators: Set<String> { Set(conditions.keys).union(clockMeasures.keys) }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// How many cases the figure counts, and the newest `limit` of them after `offset`.
    public func cases(indicator id: String, county: String, year: Int, townships: [String],
                      limit: Int, offset: Int = 0) async throws -> (total: Int, cases: [CaseSummary])? {
        let bounds = try YearBounds.checked(year)
        let condition: String
        var counted: [String] = []
        if let sql = Self.conditions[id] {
            condition = sql
        } else if let clock = Self.clockMeasures[id] {
            let results = try await ClockFigures(db: db).compute([clock], county: county, bounds: bounds,
                                                                townships: townships.isEmpty ? nil : townships)
            counted = results[clock]?.cases ?? []
            condition = "c.workflow = \(CaseConditionSQL.literal(clock.workflow.rawValue)) AND c.case_no = ANY($5)"
        } else {
            return nil
        }
        let scope = """
            FROM cases c WHERE c.county = $1 AND c.opened_at < $3
              AND \(TownshipScope.condition("c.township", in: "$4")) AND \(condition)
            """
        func binds() -> PostgresBindings {
            var binds = PostgresBindings()
            binds.append(county)
            binds.append(bounds.start)
            binds.append(bounds.end)
            binds.append(townships)
            if Self.clockMeasures[id] != nil { binds.append(counted) }
            return binds
        }
        var total = 0
        for try await count in try await db.client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int \(scope)", binds: binds()),
                                                         logger: db.logger).decode(Int.self) {
            total = count
        }
        let select = """
            SELECT c.county, c.workflow, c.case_no, c.state, c.version, c.outcome, c.township, c.opened_at, c.closed_at, c.last_event_at
            \(scope) ORDER BY c.opened_at DESC, c.workflow DESC, c.case_no DESC LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """
        let store = CaseStore(db)
        let page = try await db.client.withConnection { connection in
            try await store.loadSummaries(PostgresQuery(unsafeSQL: select, binds: binds()), on: connection)
        }
        return (total, page)
    }
}
