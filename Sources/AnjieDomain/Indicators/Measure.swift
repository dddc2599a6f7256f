/// What one side of an indicator counts (its numerator, or a rate's denominator). Cases are those
/// in scope: the county (or one township), opened before the year ends.
public indirect enum Measure: Sendable, Hashable {
    /// Cases meeting the condition.
    case cases(CaseCondition)
    /// Cases open at a boundary of the year: opened before it and meeting the condition, which
    /// should say what "open" means there (e.g. no concluding event before it).
    case stock(at: YearBoundary, CaseCondition)
    /// Events dated in the year (one case may have several), of cases meeting `of`.
    case events(EventMatch, of: CaseCondition?)
    /// The sum of an expression over cases meeting the condition.
    case sum(CaseAmount, of: CaseCondition)
    /// Log records of the year meeting the condition.
    case logRecords(LogCondition)
    /// The sum of a log record's count field.
    case logSum(LogField, of: LogCondition)
    /// How many different values a log record's field takes.
    case logDistinct(LogField, of: LogCondition)
    /// Cases by what their clock (a deadline of the workflow's rules) did in the year: the
    /// timeliness figures (及时答复率, 逾期答辩, 漏管). Computed with the deadline engine over the
    /// cases' effective histories, not in SQL, so a deadline rule has one home.
    case clocks(ClockMeasure)
    /// Another indicator's numerator, by id (a test keeps the ids resolvable).
    case indicator(String)

    /// Log records have no township: a township's report cannot count them.
    public var isLogBased: Bool {
        switch self {
        case .logRecords, .logSum, .logDistinct: return true
        case .cases, .stock, .events, .sum, .clocks, .indicator: return false
        }
    }
}

/// Cases of one workflow counted by one of its clocks (`ClockSpec.id`), judged against the
/// calendar and the county's settings in force when the report is computed.
public struct ClockMeasure: Sendable, Hashable {
    public let workflow: WorkflowID
    public let clock: String
    public let test: ClockTest
    /// A further condition on the case (a scope such as `disclosure.gov_scope`).
    public let cases: CaseCondition?
    /// With no case whose clock fell due in the year the figure is "no data", not 0 (漏管 is
    /// computable only where `notify` is recorded).
    public let noDataWithoutClocks: Bool

    public init<R: WorkflowRules>(_ rules: R.Type, _ clock: ClockSpec, _ test: ClockTest, of cases: CaseCondition? = nil,
                                  noDataWithoutClocks: Bool = false) {
        self.workflow = R.id
        self.clock = clock.id
        self.test = test
        self.cases = cases
        self.noDataWithoutClocks = noDataWithoutClocks
    }
}

/// What a clock must have done for its case to count, relative to the report's year. "Stopped by"
/// names the events that end it the way the figure means (an `answer`, not a `withdraw`).
public indirect enum ClockTest: Sendable, Hashable {
    /// Stopped in the year by one of these events, on or before its due date.
    case met(by: [String])
    /// Stopped in the year by one of these events, after its due date.
    case late(by: [String])
    /// Still running at the year's end (history up to then), its due date in the year.
    case overdueAtYearEnd
    /// Due in the year and not stopped by one of these events on or before the due date (stopped
    /// later, in whatever year, or not at all): 漏管.
    case missed(by: [String])
    /// A case counts once if any test holds.
    case any([ClockTest])

    public static func met<E: WorkflowEvent>(_ events: E...) -> ClockTest { .met(by: events.map(\.rawValue)) }
    public static func late<E: WorkflowEvent>(_ events: E...) -> ClockTest { .late(by: events.map(\.rawValue)) }
    public static func missed<E: WorkflowEvent>(_ events: E...) -> ClockTest { .missed(by: events.map(\.rawValue)) }
}

/// How an indicator is computed and rounded: the numerator, and for rates (or "5 of 5") the
/// denominator. The rounding kind follows from the constructor, so a rate always has a denominator.
public struct Computation: Sendable, Hashable {
    public let kind: Indicator.Kind
    public let numerator: Measure
    public let denominator: Measure?

    /// A whole number of cases, events, records or people.
    public static func count(_ numerator: Measure) -> Computation {
        Computation(kind: .count, numerator: numerator, denominator: nil)
    }

    /// A whole number reported beside what it is out of ("5件（全部调结）" of the backlog).
    public static func count(_ numerator: Measure, outOf denominator: Measure) -> Computation {
        Computation(kind: .count, numerator: numerator, denominator: denominator)
    }

    /// numerator ÷ denominator × 100, rounded half-up to `decimals`.
    public static func rate(decimals: Int, _ numerator: Measure, over denominator: Measure) -> Computation {
        Computation(kind: .rate(decimals: decimals), numerator: numerator, denominator: denominator)
    }

    /// Yuan, to 0.01.
    public static func amount(_ numerator: Measure) -> Computation {
        Computation(kind: .amount, numerator: numerator, denominator: nil)
    }
}

/// A condition on one log record of the year: its kind, and tests on its typed fields.
public struct LogCondition: Sendable, Hashable {
    public let kind: LogKind
    public let fields: [LogFieldTest]

    public init(_ kind: LogKind, where fields: [LogFieldTest] = []) {
        self.kind = kind
        self.fields = fields
    }

    public static func log(_ kind: LogKind) -> LogCondition { LogCondition(kind) }

    public static func log(_ kind: LogKind, _ field: LogField, is value: String) -> LogCondition {
        LogCondition(kind, where: [LogFieldTest(field: field, test: .equals(value))])
    }
}

public struct LogFieldTest: Sendable, Hashable {
    public let field: LogField
    public let test: ValueTest
}

/// The typed copies of log record fields that statistics count by (columns of `log_records`).
public enum LogField: String, Sendable, Hashable, CaseIterable {
    case site
    case attendees
    case creditCode = "credit_code"
}
