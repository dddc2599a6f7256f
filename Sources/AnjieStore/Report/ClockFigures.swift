import AnjieDomain
import Foundation
import PostgresNIO

/// The report's timeliness figures (`Measure.clocks`: 及时答复率, 逾期答辩, 漏管), computed by the
/// deadline engine over the effective histories of the cases they concern — the same clocks
/// `deadlines` and `case show` print — rather than in SQL, so a deadline rule has one home. These
/// workflows are small (tens to hundreds of cases a county-year), so one query per workflow and
/// condition reads every case of the year with its events.
struct ClockFigures {
    /// One measure's result: how many cases count, or nil ("no data") when the measure asks for
    /// clocks and none fell due in the year; and which cases, for the figure's case list.
    struct Result {
        var value: Double?
        var cases: [String]
    }

    let db: Database

    /// The clock measures of these indicators (numerators and denominators, references resolved).
    static func measures(of indicators: [Indicator]) -> [ClockMeasure] {
        var found: [ClockMeasure] = []
        for indicator in indicators {
            for side in [indicator.computation.numerator, indicator.computation.denominator].compactMap({ $0 }) {
                guard let measure = try? IndicatorSQL.resolve(side, in: indicators, from: indicator.id),
                      case .clocks(let clock) = measure, !found.contains(clock) else { continue }
                found.append(clock)
            }
        }
        return found
    }

    /// Every measure for one county and year, in the township scope (nil: the whole county).
    func compute(_ measures: [ClockMeasure], county: String, bounds: YearBounds, townships: [String]?)
        async throws -> [ClockMeasure: Result] {
        guard !measures.isEmpty else { return [:] }
        let (calendar, settings) = try await CalendarStore(db).deadlineInputs(county: county)
        var results: [ClockMeasure: Result] = [:]
        // Measures over the same cases share one read.
        let groups = Dictionary(grouping: measures) { GroupKey(workflow: $0.workflow, cases: $0.cases) }
        for (key, group) in groups {
            let histories = try await histories(key, county: county, bounds: bounds, townships: townships)
            for measure in group {
                var counted: [String] = []
                var anyDue = false
                for (number, events) in histories {
                    guard let verdict = try measure.holds(for: events, bounds: bounds, calendar: calendar, settings: settings)
                    else { continue }
                    if verdict.counts { counted.append(number) }
                    if verdict.fellDueInYear { anyDue = true }
                }
                let value: Double? = measure.noDataWithoutClocks && !anyDue ? nil : Double(counted.count)
                results[measure] = Result(value: value, cases: counted)
            }
        }
        return results
    }

    private struct GroupKey: Hashable {
        let workflow: WorkflowID
        let cases: CaseCondition?
    }

    /// The effective events of the workflow's cases that can matter to the year: opened before its
    /// end and not closed before its start, in scope, meeting the condition. Case by case, in order.
    private func histories(_ key: GroupKey, county: String, bounds: YearBounds, townships: [String]?)
        async throws -> [(String, [TimedEvent])] {
        let condition = key.cases.map { " AND " + CaseConditionSQL.parenthesised(CaseConditionSQL.sql($0)) } ?? ""
        let sql = """
            SELECT c.case_no, e.event, e.at, e.data::text
            FROM cases c JOIN effective_events e USING (county, workflow, case_no)
            WHERE c.county = $1 AND c.workflow = $4 AND c.opened_at < $3 AND (c.closed_at IS NULL OR c.closed_at >= $2)
              AND ($5::text[] IS NULL OR c.township = ANY($5))\(condition)
            ORDER BY c.case_no, e.seq
            """
        var binds = PostgresBindings()
        binds.append(county)
        binds.append(bounds.start)
        binds.append(bounds.end)
        binds.append(key.workflow.rawValue)
        binds.append(townships)
        let rows = try await db.client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: db.logger)
        var result: [(String, [TimedEvent])] = []
        for try await (number, event, at, data) in rows.decode((String, String, Date, String).self) {
            let timed = TimedEvent(event: event, at: at, data: try CaseStore.parseJSON(data).objectValue ?? [:])
            if result.last?.0 == number { result[result.count - 1].1.append(timed) } else { result.append((number, [timed])) }
        }
        return result
    }
}
