import Foundation

/// Where a case stands before an event: the fold of its events so far.
public struct CaseSnapshot: Sendable, Equatable {
    public var state: String
    public var version: Int
    public var lastEventAt: Date
    /// The workflow's guard memory, as stored with the case.
    public var context: JSONValue

    public init(state: String, version: Int, lastEventAt: Date, context: JSONValue) {
        self.state = state
        self.version = version
        self.lastEventAt = lastEventAt
        self.context = context
    }
}

/// What an accepted event does to its case. The store writes exactly this, in one transaction.
public struct Decision: Sendable, Equatable {
    public var event: String
    /// The data as validated and normalised (ids, not labels).
    public var data: EventData
    public var from: String?
    public var to: String
    public var context: JSONValue
    public var outcome: Outcome
    public var closes: Bool
    /// Typed facts of a new case, taken from its opening event (nil for later events).
    public var facts: CaseFacts?
    /// Accepted, but worth telling the clerk (e.g. a `due` date already past when recorded).
    public var warnings: [Warning] = []

    public init(event: String, data: EventData, from: String?, to: String, context: JSONValue, outcome: Outcome, closes: Bool,
                facts: CaseFacts?, warnings: [Warning] = []) {
        self.event = event
        self.data = data
        self.from = from
        self.to = to
        self.context = context
        self.outcome = outcome
        self.closes = closes
        self.facts = facts
        self.warnings = warnings
    }
}

/// Something an accepted event should make the clerk look at again; never a refusal.
public struct Warning: Sendable, Equatable, Codable {
    public let code: String
    public let zh: String
    public let en: String

    public init(code: String, zh: String, en: String) {
        self.code = code
        self.zh = zh
        self.en = en
    }

    /// A deadline (`due`) that had already passed on the day the event was recorded: accepted,
    /// since it may be a record made late, and the clock shows it overdue at once.
    static func pastDue(_ field: String, due: LocalDate, day: LocalDate) -> Warning {
        Warning(code: "past-due",
                zh: "\(field) 期限 \(due) 早于事件日期 \(day)：已记录，该期限随即显示为逾期",
                en: "\(field) \(due) is before the event's day \(day): recorded, and the deadline shows as overdue at once")
    }
}

/// The opening event's values of the fields its workflow declares as statistics columns
/// (`WorkflowRules.statisticsColumns`), stored as typed columns of the cases row.
public struct CaseFacts: Sendable, Equatable {
    /// How a column is stored, from the field's kind in the opening event's spec.
    public enum ColumnType: Sendable, Equatable {
        case text, flag, number

        init(_ kind: FieldKind?) {
            switch kind {
            case .flag: self = .flag
            case .amount, .count: self = .number
            case .text, .choice, .choiceList, .date, .parties, .textList, .creditCode, .agency, .link, nil: self = .text
            }
        }
    }

    /// The declared columns, in declaration order.
    public let columns: [String]
    /// Each declared column's type.
    public let types: [String: ColumnType]
    /// Column → value; a declared field the event left out is absent (stored as NULL).
    public let values: EventData

    public init(data: EventData, columns: [String] = [], spec: EventSpec? = nil) {
        self.columns = columns
        var types: [String: ColumnType] = [:]
        for column in columns {
            types[column] = ColumnType(spec?.fields.first { $0.name == column }?.kind)
        }
        self.types = types
        var values: EventData = [:]
        for column in columns where data[column] != nil && data[column] != .null {
            values[column] = data[column]
        }
        self.values = values
    }

    public var feeWaived: Bool? { values["fee_waived"]?.boolValue }
    public var amount: Double? { values["amount"]?.numberValue }

    /// The text-valued facts (ids such as `labor`, township names), for tests and listings.
    public var text: [String: String] {
        values.compactMapValues(\.stringValue)
    }
}

public struct StateInfo: Sendable {
    public let id: String
    public let zh: String
    public let closed: Bool
}

public struct EventInfo: Sendable {
    public let spec: EventSpec
    /// States it may be recorded in; `nil` stands for a new case.
    public let from: [String?]
    /// Target state; nil means the state does not change.
    public let to: String?
}

/// A workflow with its types erased, for the store, the CLI and the API.
public struct Workflow: Sendable {
    public let id: WorkflowID
    public let label: String
    public let commandName: String
    public let aliases: [String]
    public let casePrefix: String
    public let states: [StateInfo]
    public let events: [EventInfo]
    /// Events that conclude a case (办结/调结) for closure statistics.
    public let concludingEvents: [String]
    /// Fields of the opening event kept as typed columns of the cases row.
    public let statisticsColumns: [String]
    /// Only roles that handle these records read them; others see counts (`Identity.canRead`).
    public let isSensitive: Bool
    private let decideImpl: @Sendable (CaseSnapshot?, String, EventData, Date) throws -> Decision
    private let recordersImpl: @Sendable (String) -> Set<Role>
    private let clocksImpl: @Sendable ([TimedEvent], DeadlineSettings) -> [ClockTracker]

    init<R: WorkflowRules>(_ rules: R.Type) {
        id = R.id
        label = R.label
        commandName = R.commandName
        aliases = R.aliases
        casePrefix = R.casePrefix
        concludingEvents = R.concludingEvents.map(\.rawValue)
        statisticsColumns = R.statisticsColumns
        isSensitive = R.isSensitive
        states = R.State.allCases.map { StateInfo(id: $0.rawValue, zh: $0.zh, closed: R.isClosed($0)) }
        events = R.Event.allCases.map { event in
            switch R.rule(for: event) {
            case .create(let to):
                return EventInfo(spec: R.spec(for: event), from: [nil], to: to.rawValue)
            case .move(let from, let to):
                return EventInfo(spec: R.spec(for: event), from: from.map(\.rawValue), to: to.rawValue)
            case .stay(let states):
                return EventInfo(spec: R.spec(for: event), from: states.map(\.rawValue), to: nil)
            }
        }
        recordersImpl = { name in R.Event(rawValue: name).map(R.recorders(of:)) ?? [] }
        // Events of another name (never stored by the engine) are not part of any clock.
        clocksImpl = { events, settings in
            R.clocks(events.compactMap { timed in
                R.Event(rawValue: timed.event).map { Timed(event: $0, at: timed.at, data: timed.data) }
            }, settings: settings)
        }
        let allowed: @Sendable (String?) -> [String] = { state in
            R.Event.allCases.filter { Self.target(R.rule(for: $0), from: state.flatMap(R.State.init(rawValue:)), isNew: state == nil) != nil }
                .map(\.rawValue)
        }
        decideImpl = { snapshot, name, rawData, at in
            let eventKey = name.trimmingWhitespace().lowercased().replacingHyphens()
            guard let event = R.Event(rawValue: eventKey)
                ?? R.Event.allCases.first(where: { R.spec(for: $0).zh == name.trimmingWhitespace() }) else {
                throw DomainError.unknownEvent(workflow: R.id, event: name, known: R.Event.allCases.map(\.rawValue))
            }
            let from: R.State?
            var context = R.initialContext
            if let snapshot {
                guard let state = R.State(rawValue: snapshot.state) else {
                    throw DomainError.invalidInput("案件状态 \(snapshot.state) 不属于此流程", "state \(snapshot.state) is not part of workflow \(R.id.rawValue)")
                }
                from = state
                context = (try? snapshot.context.decode(R.Context.self)) ?? R.initialContext
                guard at >= snapshot.lastEventAt else {
                    throw DomainError.guardFailed(
                        "事件时间 \(Timestamp.format(at)) 早于本案上一事件（\(Timestamp.format(snapshot.lastEventAt))）",
                        "the event's time \(Timestamp.format(at)) is before the case's previous event (\(Timestamp.format(snapshot.lastEventAt)))")
                }
            } else {
                from = nil
            }
            guard let to = Self.target(R.rule(for: event), from: from, isNew: snapshot == nil) else {
                throw DomainError.illegalEvent(workflow: R.id, state: from?.rawValue, stateLabel: from?.zh,
                                               event: event.rawValue, allowed: allowed(from?.rawValue))
            }
            let spec = R.spec(for: event)
            let data = try FieldValidator.normalize(Self.withoutImpliedOutcome(R.upgrade(event, data: rawData), event: event, spec: spec, rules: R.self),
                                                    spec: spec, on: LocalDate(at))
            try R.check(event, data: data, at: at, from: from, context: context)
            R.evolve(&context, event: event, data: data, at: at, from: from, to: to)
            let day = LocalDate(at)
            let warnings = spec.fields.filter { if case .date = $0.kind { $0.name == "due" } else { false } }.compactMap { field -> Warning? in
                guard let due = data[field.name]?.stringValue.flatMap(LocalDate.parse), due < day else { return nil }
                return Warning.pastDue(field.name, due: due, day: day)
            }
            return Decision(
                event: event.rawValue, data: data, from: from?.rawValue, to: to.rawValue,
                context: try JSONValue(encoding: context), outcome: R.outcome(of: event, data: data),
                closes: R.isClosed(to), facts: snapshot == nil ? CaseFacts(data: data, columns: R.statisticsColumns, spec: spec) : nil,
                warnings: warnings)
        }
    }

    /// Files from other systems may repeat the outcome an event implies (`"outcome":"resolved"` on
    /// `resolve`): accepted when it equals the implied outcome, and not stored twice; any other
    /// value is refused. Events whose outcome is a field of their own (`close`) are untouched.
    static func withoutImpliedOutcome<R: WorkflowRules>(_ data: EventData, event: R.Event, spec: EventSpec, rules: R.Type) throws -> EventData {
        guard let given = data["outcome"], !spec.fields.contains(where: { $0.name == "outcome" }) else { return data }
        guard case .set(let implied) = R.outcome(of: event, data: data) else { return data }
        guard given.stringValue == implied else {
            throw DomainError.invalidData([FieldProblem(
                field: "outcome", rule: "implied",
                zh: "事件 \(event.rawValue) 的结果即为 \(implied)，不能另填 \(given.stringValue ?? "非文本值")",
                en: "event \(event.rawValue) implies the outcome \(implied); \(given.stringValue ?? "a non-text value") contradicts it")])
        }
        var data = data
        data["outcome"] = nil
        return data
    }

    /// Roles that may record `event` (none for an unknown event).
    public func recorders(of event: String) -> Set<Role> {
        recordersImpl(event)
    }

    /// The workflow's clocks followed through a case's events (not yet computed against a calendar).
    public func clockTrackers(_ events: [TimedEvent], settings: DeadlineSettings) -> [ClockTracker] {
        clocksImpl(events, settings)
    }

    /// Events that open a case.
    public var openingEvents: [EventInfo] {
        events.filter { $0.from.contains(nil) }
    }

    /// Whether `event` (a known one) is recorded only on a case that exists: then a missing case is
    /// the answer ("case not found"), not "a new case does not allow it". Nil for an unknown event.
    public func needsExistingCase(_ event: String) -> Bool? {
        self.event(named: event).map { !$0.from.contains(nil) }
    }

    private static func target<S>(_ rule: TransitionRule<S>, from: S?, isNew: Bool) -> S? {
        switch rule {
        case .create(let to): return isNew ? to : nil
        case .move(let states, let to): return from.flatMap { states.contains($0) ? to : nil }
        case .stay(let states): return from.flatMap { states.contains($0) ? $0 : nil }
        }
    }

    /// Validate an event against the case as it stands and say what it does. Pure: no I/O.
    public func decide(_ snapshot: CaseSnapshot?, event: String, data: EventData, at: Date) throws -> Decision {
        try decideImpl(snapshot, event, data, at)
    }

    /// Events allowed in a state (`nil`: a new case), in declaration order.
    public func allowedEvents(in state: String?) -> [String] {
        events.filter { $0.from.contains(state) }.map(\.spec.name)
    }

    public func event(named name: String) -> EventInfo? {
        let key = name.trimmingWhitespace().lowercased().replacingHyphens()
        return events.first { $0.spec.name == key || $0.spec.zh == name }
    }

    public func state(_ id: String) -> StateInfo? {
        states.first { $0.id == id }
    }

    public func stateLabel(_ id: String) -> String {
        state(id)?.zh ?? id
    }
}

extension JSONValue {
    init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        self = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: JSONEncoder().encode(self))
    }
}
