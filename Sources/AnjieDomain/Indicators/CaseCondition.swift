/// A condition on one case of the report's year, in terms the store compiles to SQL twice: into
/// the report's aggregate and into the dashboard's "cases behind this figure" list. Workflows and
/// events come from the rules types (`MediationRules.self`, `MediationRules.Event.agree`), so a
/// misspelt or renamed event does not compile; nothing here is SQL except `CaseSQL`.
public indirect enum CaseCondition: Sendable, Hashable {
    /// The case belongs to one of these workflows.
    case workflows([WorkflowID])
    /// A statistics column of the case row (taken from the opening event).
    case column(CaseColumn, ValueTest)
    /// Opened (its first event dated) in the year.
    case openedInYear
    /// The case has an event of `match` (implies the workflow).
    case happened(EventMatch)
    /// The case's last event dated before the year ends is one of these (the state at year end).
    case lastEventBeforeYearEnd(EventNames)
    case all([CaseCondition])
    case any([CaseCondition])
    case not(CaseCondition)
    /// The case's `agency` column names an agency of the scope a county setting declares: a list of
    /// agency names and agency levels (`disclosure.gov_scope`, default `county_government`).
    case agencyIn(setting: String, default: String)
    /// A per-case figure too particular for the terms above, as SQL over the case row `c`.
    case sql(CaseSQL)
}

extension CaseCondition {
    /// Cases of this workflow: `.workflow(MediationRules.self)`.
    public static func workflow(_ rules: any WorkflowRules.Type...) -> CaseCondition {
        .workflows(rules.map { $0.id })
    }

    /// `.happened(MediationRules.self, .agree, .fail, in: .year)`; `data` tests a field of the event.
    public static func happened<R: WorkflowRules>(_ rules: R.Type, _ events: R.Event..., in window: YearWindow,
                                                  where data: DataTest? = nil) -> CaseCondition {
        .happened(EventMatch(rules, events, in: window, where: data))
    }

    /// `.lastEventBeforeYearEnd(DisputeRules.self, is: .resolve, .mediationSucceeded)`.
    public static func lastEventBeforeYearEnd<R: WorkflowRules>(_ rules: R.Type, is events: R.Event...) -> CaseCondition {
        .lastEventBeforeYearEnd(EventNames(rules, events))
    }

    public static func column(_ column: CaseColumn, is value: String) -> CaseCondition { .column(column, .equals(value)) }

    /// Cases whose agency is in the scope of a list setting (`DisclosureRules.govScope`).
    public static func agencyIn(_ setting: SettingSpec) -> CaseCondition {
        .agencyIn(setting: setting.key, default: setting.defaultValue)
    }

    public static func && (lhs: CaseCondition, rhs: CaseCondition) -> CaseCondition {
        .all(lhs.conjuncts + rhs.conjuncts)
    }

    public static func || (lhs: CaseCondition, rhs: CaseCondition) -> CaseCondition {
        .any(lhs.disjuncts + rhs.disjuncts)
    }

    public static prefix func ! (condition: CaseCondition) -> CaseCondition { .not(condition) }

    var conjuncts: [CaseCondition] {
        if case .all(let terms) = self { return terms }
        return [self]
    }

    var disjuncts: [CaseCondition] {
        if case .any(let terms) = self { return terms }
        return [self]
    }

    /// Every event the condition names, with its workflow: what a test checks against the registry.
    public var eventNames: [EventNames] {
        switch self {
        case .workflows, .column, .openedInYear, .sql, .agencyIn: return []
        case .happened(let match): return [match.names]
        case .lastEventBeforeYearEnd(let names): return [names]
        case .all(let terms), .any(let terms): return terms.flatMap(\.eventNames)
        case .not(let term): return term.eventNames
        }
    }

    /// Every workflow the condition names.
    public var workflowIDs: [WorkflowID] {
        switch self {
        case .workflows(let ids): return ids
        case .column, .openedInYear, .sql, .agencyIn: return []
        case .happened(let match): return [match.names.workflow]
        case .lastEventBeforeYearEnd(let names): return [names.workflow]
        case .all(let terms), .any(let terms): return terms.flatMap(\.workflowIDs)
        case .not(let term): return term.workflowIDs
        }
    }

    /// Every column test, for the test that values are vocabulary ids.
    public var columnTests: [(CaseColumn, ValueTest)] {
        switch self {
        case .column(let column, let test): return [(column, test)]
        case .workflows, .openedInYear, .sql, .agencyIn, .happened, .lastEventBeforeYearEnd: return []
        case .all(let terms), .any(let terms): return terms.flatMap(\.columnTests)
        case .not(let term): return term.columnTests
        }
    }

    /// Every event data test, with the events it applies to.
    public var dataTests: [(EventNames, DataTest)] {
        switch self {
        case .happened(let match): return match.data.map { [(match.names, $0)] } ?? []
        case .workflows, .column, .openedInYear, .sql, .agencyIn, .lastEventBeforeYearEnd: return []
        case .all(let terms), .any(let terms): return terms.flatMap(\.dataTests)
        case .not(let term): return term.dataTests
        }
    }
}

/// Events of one workflow, by their canonical names; only constructible from the rules' `Event`.
public struct EventNames: Sendable, Hashable {
    public let workflow: WorkflowID
    public let events: [String]

    public init<R: WorkflowRules>(_ rules: R.Type, _ events: [R.Event]) {
        self.workflow = R.id
        self.events = events.map(\.rawValue)
    }
}

/// Which part of the calendar an event must be dated in, relative to the report's year.
public enum YearWindow: Sendable, Hashable {
    /// In [1 January, next 1 January), Beijing time.
    case year
    /// Before the next 1 January: the state at year end.
    case beforeYearEnd
    /// Before 1 January of the year: the state at its start.
    case beforeYearStart
}

/// A boundary of the report's year, for figures that are a stock at a date.
public enum YearBoundary: Sendable, Hashable {
    case yearStart
    case yearEnd
}

/// "An event of these kinds, dated in this window, whose data field passes this test."
public struct EventMatch: Sendable, Hashable {
    public let names: EventNames
    public let window: YearWindow
    public let data: DataTest?

    public init<R: WorkflowRules>(_ rules: R.Type, _ events: [R.Event], in window: YearWindow, where data: DataTest? = nil) {
        self.names = EventNames(rules, events)
        self.window = window
        self.data = data
    }

    public static func of<R: WorkflowRules>(_ rules: R.Type, _ events: R.Event..., in window: YearWindow,
                                            where data: DataTest? = nil) -> EventMatch {
        EventMatch(rules, events, in: window, where: data)
    }
}

/// A test on one field of an event's data (its names are the event's `FieldSpec`s; a test checks).
public struct DataTest: Sendable, Hashable {
    public let field: String
    public let test: ValueTest

    public init(_ field: String, _ test: ValueTest) {
        self.field = field
        self.test = test
    }
}

/// A test on one value: a vocabulary id, one of several, a flag, present or absent.
public enum ValueTest: Sendable, Hashable {
    case equals(String)
    case oneOf([String])
    case isTrue
    case isNull
    case isNotNull

    /// The vocabulary ids the test names.
    public var values: [String] {
        switch self {
        case .equals(let value): return [value]
        case .oneOf(let values): return values
        case .isTrue, .isNull, .isNotNull: return []
        }
    }
}

/// The statistics columns of the case row (`CaseFacts`, plus the flag and the amount).
public struct CaseColumn: RawRepresentable, Sendable, Hashable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A column its workflow declares (`WorkflowRules.statisticsColumns`): a name the workflow does
    /// not declare stops at the first use instead of counting NULLs.
    public init<R: WorkflowRules>(_ rules: R.Type, _ name: String) {
        precondition(R.statisticsColumns.contains(name), "\(R.id.rawValue) declares no statistics column \(name)")
        rawValue = name
    }

    public static let township = CaseColumn(rawValue: "township")
    public static let category = CaseColumn(rawValue: "category")
    public static let channel = CaseColumn(rawValue: "channel")
    public static let organizationKind = CaseColumn(rawValue: "organization_kind")
    public static let big3 = CaseColumn(rawValue: "big3")
    public static let kind = CaseColumn(rawValue: "kind")
    public static let stage = CaseColumn(rawValue: "stage")
    public static let service = CaseColumn(rawValue: "service")
    public static let feeWaived = CaseColumn(rawValue: "fee_waived")
    public static let booked = CaseColumn(rawValue: "booked")
    public static let amount = CaseColumn(rawValue: "amount")
    public static let agency = CaseColumn(rawValue: "agency")
}

/// An expression summed over cases.
public enum CaseAmount: Sendable, Hashable {
    /// The court acceptance fee (诉讼费用交纳办法 art. 13) of the case's disputed amount (`CourtFee`).
    case courtFee
}

/// A boolean SQL expression over the case row `c` ($2 and $3 are the year's bounds), for the rare
/// figure the terms above cannot say. Build event names from the rules' enums with `literal(_:)`.
public struct CaseSQL: Sendable, Hashable {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// `'follow_up'`: an event name as an SQL literal, from the enum.
    public static func literal(_ event: some WorkflowEvent) -> String { "'\(event.rawValue)'" }

    public static func literals(_ events: [some WorkflowEvent]) -> String {
        events.map { literal($0) }.joined(separator: ", ")
    }
}
