import AnjieDomain

/// The indicators' declarations (`IndicatorRegistry`) compiled to SQL: one statement computes all of
/// them for a county and year (one round trip; no per-case loops in Swift), and each figure that
/// counts cases gets the condition of its "cases behind this figure" list from the same source.
///
/// The statement reads the county's cases in scope once (`count(*) FILTER (WHERE …)` per figure),
/// the year's events once for figures that count events, and the year's log records once. Each
/// row is (indicator id, numerator, denominator). Parameters: $1 county, $2 start of the year,
/// $3 start of the next (Asia/Shanghai), $4 township or NULL.
///
/// Period rules (report-2025.md): figures count events dated in [$2, $3); "at year end" means the
/// state at $3, i.e. the events dated before it. Cases in scope were opened before $3.
enum IndicatorSQL {
    static let statement: Result<String, any Error> = Result { try compile(IndicatorRegistry.all) }

    /// The condition on the case row `c` listing the cases an indicator's numerator counts, by id;
    /// figures counting events, sums and log records have none.
    static let caseLists: [String: String] = {
        var lists: [String: String] = [:]
        for indicator in IndicatorRegistry.all {
            if let measure = try? resolve(indicator.computation.numerator, in: IndicatorRegistry.all, from: indicator.id),
               let condition = caseCondition(measure) {
                lists[indicator.id] = condition
            }
        }
        return lists
    }()

    /// The WHERE condition on `c` for the cases a measure counts; nil when it is not a case count.
    static func caseCondition(_ measure: Measure) -> String? {
        switch measure {
        case .cases(let condition), .stock(at: .yearEnd, let condition):
            return CaseConditionSQL.sql(condition)
        case .stock(at: .yearStart, let condition):
            return "c.opened_at < $2 AND " + CaseConditionSQL.parenthesised(CaseConditionSQL.sql(condition))
        case .events, .sum, .logRecords, .logSum, .logDistinct, .clocks, .indicator:
            return nil
        }
    }

    /// A reference to another indicator becomes that indicator's numerator.
    static func resolve(_ measure: Measure, in indicators: [Indicator], from id: String, depth: Int = 0) throws -> Measure {
        guard case .indicator(let target) = measure else { return measure }
        guard depth < 8, let referenced = indicators.first(where: { $0.id == target }) else {
            throw StoreError.database("indicator \(id) refers to \(target), which is not declared (or refers back)")
        }
        return try resolve(referenced.computation.numerator, in: indicators, from: target, depth: depth + 1)
    }

    static func compile(_ indicators: [Indicator]) throws -> String {
        var columns = Columns()
        var rows: [String] = []
        for indicator in indicators {
            let numerator = columns.name(try resolve(indicator.computation.numerator, in: indicators, from: indicator.id))
            let denominator = try indicator.computation.denominator.map {
                columns.name(try resolve($0, in: indicators, from: indicator.id))
            }
            rows.append("(\(CaseConditionSQL.literal(indicator.id)), \(numerator), \(denominator ?? "NULL::float8"))")
        }
        var passes: [(name: String, sql: String)] = []
        // Figures with declared SQL run on their own, over the cases the rest of their condition
        // lets through (an index range), not as a probe of every case in the main pass.
        let declared = columns.cases.filter { CaseConditionSQL.hasDeclaredSQL($0.measure) }
        let joined = columns.cases.filter { !CaseConditionSQL.hasDeclaredSQL($0.measure) }
        if !joined.isEmpty { passes.append(("case_figures", casePass(joined))) }
        for (name, measure) in declared { passes.append(("\(name)_figure", declaredPass(name, measure))) }
        if !columns.events.isEmpty { passes.append(("event_figures", eventPass(columns.events))) }
        if !columns.logs.isEmpty { passes.append(("log_figures", logPass(columns.logs))) }
        return """
            WITH
            \(passes.map { "\($0.name) AS (\n\($0.sql)\n)" }.joined(separator: ",\n"))
            SELECT v.id, v.numerator, v.denominator
            FROM \(passes.map(\.name).joined(separator: ", "))
            CROSS JOIN LATERAL (VALUES
                \(rows.joined(separator: ",\n    "))
            ) AS v(id, numerator, denominator)
            """
    }

    /// Measures by the pass that computes them, each once, named m1, m2, …
    struct Columns {
        var cases: [(name: String, measure: Measure)] = []
        var events: [(name: String, measure: Measure)] = []
        var logs: [(name: String, measure: Measure)] = []
        var names: [Measure: String] = [:]

        mutating func name(_ measure: Measure) -> String {
            // Clock figures are computed by the deadline engine (`ClockFigures`), not here.
            if case .clocks = measure { return "NULL::float8" }
            if let name = names[measure] { return name }
            let name = "m\(names.count + 1)"
            names[measure] = name
            switch measure {
            case .cases, .stock, .sum: cases.append((name, measure))
            case .events: events.append((name, measure))
            case .logRecords, .logSum, .logDistinct: logs.append((name, measure))
            case .clocks, .indicator: preconditionFailure("references are resolved before naming")
            }
            return name
        }
    }

    static let caseScope = "c.county = $1 AND ($4::text IS NULL OR c.township = $4) AND c.opened_at < $3"

    /// One pass over the cases in scope. With `probes`, their event tests read one pass over the
    /// events grouped by case, joined as `p`; without, each is an EXISTS probe.
    static func casePass(_ measures: [(name: String, measure: Measure)], probes: EventProbes? = EventProbes()) -> String {
        func condition(_ condition: CaseCondition) -> String { CaseConditionSQL.sql(condition, probes: probes) }
        let aggregates = measures.map { name, measure -> String in
            switch measure {
            case .cases(let cases), .stock(at: .yearEnd, let cases):
                return "count(*) FILTER (WHERE \(condition(cases)))::float8 AS \(name)"
            case .stock(at: .yearStart, let cases):
                return "count(*) FILTER (WHERE c.opened_at < $2 AND \(CaseConditionSQL.parenthesised(condition(cases))))::float8 AS \(name)"
            case .sum(let amount, let cases):
                return "coalesce(sum(\(sql(amount))) FILTER (WHERE \(condition(cases))), 0)::float8 AS \(name)"
            case .events, .logRecords, .logSum, .logDistinct, .clocks, .indicator:
                preconditionFailure("not a case measure")
            }
        }
        let events = probes.flatMap { $0.isEmpty ? nil : $0.sql }
        return """
            SELECT \(aggregates.joined(separator: ",\n       "))
            FROM cases c\(events.map { "\nLEFT JOIN (\n\($0)\n) p ON p.workflow = c.workflow AND p.case_no = c.case_no" } ?? "")
            WHERE \(caseScope)
            """
    }

    /// A figure with declared SQL: its condition in the WHERE, so the planner narrows the cases by
    /// the column tests (an index range) before the declared SQL runs for each.
    static func declaredPass(_ name: String, _ measure: Measure) -> String {
        let aggregate: String, condition: String
        switch measure {
        case .cases(let cases), .stock(at: .yearEnd, let cases):
            (aggregate, condition) = ("count(*)::float8", CaseConditionSQL.sql(cases))
        case .stock(at: .yearStart, let cases):
            (aggregate, condition) = ("count(*)::float8", "c.opened_at < $2 AND " + CaseConditionSQL.parenthesised(CaseConditionSQL.sql(cases)))
        case .sum(let amount, let cases):
            (aggregate, condition) = ("coalesce(sum(\(sql(amount))), 0)::float8", CaseConditionSQL.sql(cases))
        case .events, .logRecords, .logSum, .logDistinct, .clocks, .indicator:
            preconditionFailure("not a case measure")
        }
        return """
            SELECT \(aggregate) AS \(name)
            FROM cases c
            WHERE \(caseScope) AND \(CaseConditionSQL.parenthesised(condition))
            """
    }

    static func sql(_ amount: CaseAmount) -> String {
        switch amount {
        case .courtFee: return "anjie_court_fee(c.amount)"
        }
    }

    /// One pass over the events of the year (or before its end) of the kinds counted, of cases in scope.
    static func eventPass(_ measures: [(name: String, measure: Measure)]) -> String {
        var kinds: [String] = []
        var onlyInYear = true
        let aggregates = measures.map { name, measure -> String in
            guard case .events(let match, let cases) = measure else { preconditionFailure("not an event measure") }
            kinds += match.names.events.map {
                "(\(CaseConditionSQL.literal(match.names.workflow.rawValue)), \(CaseConditionSQL.literal($0)))"
            }
            if match.window != .year { onlyInYear = false }
            var terms = ["e.workflow = \(CaseConditionSQL.literal(match.names.workflow.rawValue))",
                         CaseConditionSQL.events("e", match.names.events), CaseConditionSQL.window("e", match.window)]
            if let data = match.data { terms.append(CaseConditionSQL.data("e", data)) }
            if let cases { terms.append(CaseConditionSQL.sql(cases)) }
            return "count(*) FILTER (WHERE \(terms.joined(separator: " AND ")))::float8 AS \(name)"
        }
        return """
            SELECT \(aggregates.joined(separator: ",\n       "))
            FROM effective_events e JOIN cases c ON c.county = e.county AND c.workflow = e.workflow AND c.case_no = e.case_no
            WHERE e.county = $1 AND (e.workflow, e.event) IN (\(Array(Set(kinds)).sorted().joined(separator: ", ")))
              AND \(onlyInYear ? "e.at >= $2 AND " : "")e.at < $3 AND \(caseScope)
            """
    }

    /// One pass over the county's log records of the year (they have no township).
    static func logPass(_ measures: [(name: String, measure: Measure)]) -> String {
        func condition(_ log: LogCondition) -> String {
            (["l.log = \(CaseConditionSQL.literal(log.kind.rawValue))"]
                + log.fields.map { CaseConditionSQL.test("l.\($0.field.rawValue)", $0.test).sql }).joined(separator: " AND ")
        }
        let aggregates = measures.map { name, measure -> String in
            switch measure {
            case .logRecords(let log):
                return "count(*) FILTER (WHERE \(condition(log)))::float8 AS \(name)"
            case .logSum(let field, let log):
                return "coalesce(sum(l.\(field.rawValue)) FILTER (WHERE \(condition(log))), 0)::float8 AS \(name)"
            case .logDistinct(let field, let log):
                return "count(DISTINCT l.\(field.rawValue)) FILTER (WHERE \(condition(log)))::float8 AS \(name)"
            case .cases, .stock, .events, .sum, .clocks, .indicator:
                preconditionFailure("not a log measure")
            }
        }
        return """
            SELECT \(aggregates.joined(separator: ",\n       "))
            FROM log_records l
            WHERE l.county = $1 AND l.at >= $2 AND l.at < $3
            """
    }
}

/// The report's event tests as columns of one pass over the county's events before the year's
/// end, grouped by case: `e1` "had an agree in the year", `last1` "the last dispute event", …
final class EventProbes {
    private var matches: [(name: String, match: EventMatch)] = []
    private var lastEvents: [(name: String, workflow: WorkflowID)] = []

    var isEmpty: Bool { matches.isEmpty && lastEvents.isEmpty }

    func column(for match: EventMatch) -> String {
        if let known = matches.first(where: { $0.match == match }) { return known.name }
        let name = "e\(matches.count + 1)"
        matches.append((name, match))
        return name
    }

    func lastEventColumn(of workflow: WorkflowID) -> String {
        if let known = lastEvents.first(where: { $0.workflow == workflow }) { return known.name }
        let name = "last\(lastEvents.count + 1)"
        lastEvents.append((name, workflow))
        return name
    }

    var sql: String {
        typealias SQL = CaseConditionSQL
        let tests = matches.map { name, match -> String in
            var terms = ["x.workflow = \(SQL.literal(match.names.workflow.rawValue))", SQL.events("x", match.names.events),
                         SQL.window("x", match.window)]
            if let data = match.data { terms.append(SQL.data("x", data)) }
            return "bool_or(\(terms.joined(separator: " AND "))) AS \(name)"
        }
        // The last event needs every event of the workflow, not only the kinds tested.
        let lasts = lastEvents.map { name, workflow in
            "(array_agg(x.event ORDER BY x.seq DESC) FILTER (WHERE x.workflow = \(SQL.literal(workflow.rawValue))))[1] AS \(name)"
        }
        let pairs = Set(matches.flatMap { _, match in
            match.names.events.map { "(\(SQL.literal(match.names.workflow.rawValue)), \(SQL.literal($0)))" }
        }).sorted()
        let whole = Set(lastEvents.map(\.workflow.rawValue)).sorted()
        var kinds: [String] = []
        if !pairs.isEmpty { kinds.append("(x.workflow, x.event) IN (\(pairs.joined(separator: ", ")))") }
        if !whole.isEmpty { kinds.append("x.workflow IN (\(SQL.literals(whole)))") }
        let onlyInYear = lastEvents.isEmpty && matches.allSatisfy { $0.match.window == .year }
        return """
                SELECT x.workflow, x.case_no,
                       \((tests + lasts).joined(separator: ",\n           "))
                FROM effective_events x
                WHERE x.county = $1 AND \(onlyInYear ? "x.at >= $2 AND " : "")x.at < $3
                  AND (\(kinds.joined(separator: " OR ")))
                  AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM cases t WHERE t.county = x.county AND t.workflow = x.workflow
                                                   AND t.case_no = x.case_no AND t.township = $4))
                GROUP BY x.workflow, x.case_no
            """
    }
}
