import AnjieDomain
import Foundation

/// A `CaseCondition` as a boolean SQL expression over the case row `c`, the one translation used
/// by the report's aggregate and the dashboard's case lists. $2 and $3 are the year's bounds.
///
/// Event tests are written one of two ways. For a case list (one condition, few cases) each is an
/// EXISTS probe on the events' primary key (county, workflow, case_no, …), guarded by its
/// workflow; in a conjunction the column tests come first, so probes run only for the cases that
/// can still match. For the report (forty conditions over every case in scope) they are columns
/// of one pass over the events grouped by case (`EventProbes`), joined to the cases: correlated
/// probes there made the planner's estimate large enough to trigger JIT compilation, which cost
/// seconds.
struct CaseConditionSQL {
    /// The expression, and whether it can be NULL (then `NOT` needs a coalesce).
    struct Fragment {
        var sql: String
        var nullable: Bool
        /// 0 columns, 1 an EXISTS probe, 2 a scalar subquery, 3 declared SQL.
        var cost: Int
    }

    /// Where event tests read from: nil for EXISTS probes, else the columns of a per-case pass.
    var probes: EventProbes?

    static func sql(_ condition: CaseCondition, probes: EventProbes? = nil) -> String {
        CaseConditionSQL(probes: probes).fragment(condition, pinned: []).sql
    }

    /// `pinned`: workflows the enclosing conjunction already requires, so probes skip the guard.
    func fragment(_ condition: CaseCondition, pinned: Set<WorkflowID>) -> Fragment {
        switch condition {
        case .workflows(let ids):
            let sql = ids.count == 1 ? "c.workflow = \(Self.literal(ids[0].rawValue))"
                : "c.workflow IN (\(Self.literals(ids.map(\.rawValue))))"
            return Fragment(sql: sql, nullable: false, cost: 0)
        case .column(let column, let test):
            return Self.test("c.\(column.rawValue)", test)
        case .openedInYear:
            return Fragment(sql: "c.opened_at >= $2 AND c.opened_at < $3", nullable: false, cost: 0)
        case .happened(let match):
            if let probes {
                return Fragment(sql: guarded("p.\(probes.column(for: match))", match.names.workflow, pinned), nullable: true, cost: 1)
            }
            let probe = """
                EXISTS (SELECT 1 FROM effective_events x WHERE x.county = c.county AND x.workflow = c.workflow AND x.case_no = c.case_no \
                AND \(Self.events("x", match.names.events)) AND \(Self.window("x", match.window))\(match.data.map { " AND " + Self.data("x", $0) } ?? ""))
                """
            return Fragment(sql: guarded(probe, match.names.workflow, pinned), nullable: false, cost: 1)
        case .lastEventBeforeYearEnd(let names):
            let event = probes.map { "p.\($0.lastEventColumn(of: names.workflow))" } ?? """
                (SELECT x.event FROM effective_events x WHERE x.county = c.county AND x.workflow = c.workflow AND x.case_no = c.case_no \
                AND x.at < $3 ORDER BY x.seq DESC LIMIT 1)
                """
            return Fragment(sql: guarded("\(event) IN (\(Self.literals(names.events)))", names.workflow, pinned),
                            nullable: true, cost: 2)
        case .all(let terms):
            let pins = pinned.union(terms.compactMap { term -> WorkflowID? in
                if case .workflows(let ids) = term, ids.count == 1 { return ids[0] }
                return nil
            })
            // A stable sort: cheap tests first, the declared order otherwise.
            let parts = terms.map { fragment($0, pinned: pins) }.enumerated()
                .sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.map(\.element)
            return combine(parts, "AND")
        case .any(let terms):
            return combine(terms.map { fragment($0, pinned: pinned) }, "OR")
        case .not(let term):
            let inner = fragment(term, pinned: pinned)
            let sql = inner.nullable ? "NOT coalesce(\(inner.sql), false)" : "NOT \(Self.parenthesised(inner.sql))"
            return Fragment(sql: sql, nullable: false, cost: inner.cost)
        case .agencyIn(let setting, let fallback):
            // The scope in force is read at query time (`anjie_setting`, migration 013), so a
            // changed setting changes the figure without recompiling the statement.
            let scope = "string_to_array(coalesce(anjie_setting(c.county, \(Self.literal(setting))), \(Self.literal(fallback))), ',')"
            return Fragment(sql: "c.agency IN (SELECT a.name FROM county_agencies a WHERE a.county = c.county "
                                + "AND (a.name = ANY(\(scope)) OR a.level = ANY(\(scope))))", nullable: true, cost: 2)
        case .sql(let declared):
            return Fragment(sql: "(\(declared.text))", nullable: true, cost: 3)
        }
    }

    private func guarded(_ probe: String, _ workflow: WorkflowID, _ pinned: Set<WorkflowID>) -> String {
        pinned.contains(workflow) ? probe : "(c.workflow = \(Self.literal(workflow.rawValue)) AND \(probe))"
    }

    private func combine(_ parts: [Fragment], _ operator: String) -> Fragment {
        guard parts.count != 1 else { return parts[0] }
        let sql = "(" + parts.map { Self.parenthesised($0.sql) }.joined(separator: " \(`operator`) ") + ")"
        return Fragment(sql: sql, nullable: parts.contains(where: \.nullable), cost: parts.map(\.cost).max() ?? 0)
    }

    /// Whether a case measure's condition holds declared SQL (`CaseCondition.sql`).
    static func hasDeclaredSQL(_ measure: Measure) -> Bool {
        switch measure {
        case .cases(let condition), .stock(_, let condition), .sum(_, let condition): return hasDeclaredSQL(condition)
        case .events(_, let condition): return condition.map(hasDeclaredSQL) ?? false
        case .logRecords, .logSum, .logDistinct, .clocks, .indicator: return false
        }
    }

    static func hasDeclaredSQL(_ condition: CaseCondition) -> Bool {
        switch condition {
        case .sql: return true
        case .workflows, .column, .openedInYear, .happened, .lastEventBeforeYearEnd, .agencyIn: return false
        case .all(let terms), .any(let terms): return terms.contains(where: hasDeclaredSQL)
        case .not(let term): return hasDeclaredSQL(term)
        }
    }

    static func test(_ expression: String, _ test: ValueTest) -> Fragment {
        switch test {
        case .equals(let value): return Fragment(sql: "\(expression) = \(literal(value))", nullable: true, cost: 0)
        case .oneOf(let values): return Fragment(sql: "\(expression) IN (\(literals(values)))", nullable: true, cost: 0)
        case .isTrue: return Fragment(sql: "\(expression)", nullable: true, cost: 0)
        case .isNull: return Fragment(sql: "\(expression) IS NULL", nullable: false, cost: 0)
        case .isNotNull: return Fragment(sql: "\(expression) IS NOT NULL", nullable: false, cost: 0)
        }
    }

    static func events(_ alias: String, _ names: [String]) -> String {
        names.count == 1 ? "\(alias).event = \(literal(names[0]))" : "\(alias).event IN (\(literals(names)))"
    }

    static func window(_ alias: String, _ window: YearWindow) -> String {
        switch window {
        case .year: return "\(alias).at >= $2 AND \(alias).at < $3"
        case .beforeYearEnd: return "\(alias).at < $3"
        case .beforeYearStart: return "\(alias).at < $2"
        }
    }

    static func data(_ alias: String, _ data: DataTest) -> String {
        let field = "\(alias).data->>\(literal(data.field))"
        switch data.test {
        case .isTrue: return "coalesce((\(field))::boolean, false)"
        case .equals, .oneOf, .isNull, .isNotNull: return test(field, data.test).sql
        }
    }

    /// A string as an SQL literal. Every value here comes from an enum or the vocabulary, but
    /// quoting stays correct whatever it is.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func literals(_ texts: [String]) -> String { texts.map(literal).joined(separator: ", ") }

    /// Wrapped in parentheses unless it already is one parenthesised group (literals hold no parentheses).
    static func parenthesised(_ sql: String) -> String {
        var depth = 0
        for (offset, character) in sql.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0 { return offset == sql.count - 1 && offset > 0 ? sql : "(\(sql))" }
        }
        return "(\(sql))"
    }
}
