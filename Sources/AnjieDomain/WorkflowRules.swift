import Foundation

/// How an event moves a case, read from the transition table alone (guards come separately).
public enum TransitionRule<State: Hashable & Sendable>: Sendable {
    /// (new) → state: the event that opens a case.
    case create(State)
    /// from any of these states → one state.
    case move(from: [State], to: State)
    /// allowed in these states; the state does not change.
    case stay(in: [State])
}

public protocol WorkflowState: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    var zh: String { get }
}

public protocol WorkflowEvent: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

/// One workflow, declared in one place: a pure state machine plus everything the other layers need
/// to know about it — its names, its clocks, which events conclude a case, which fields become
/// statistics columns and who may record what. The registry (`Workflows`) erases the types; the
/// deadline engine, closure statistics, access policy, CLI, API and OpenAPI document all read it,
/// so none of them names a workflow or an event.
///
/// The transition table is an exhaustive switch over events (no `default:`), so adding an event
/// forces a decision; guards that need the case's history read a small `Context` folded from
/// earlier events.
public protocol WorkflowRules: SendableMetatype {
    associatedtype State: WorkflowState
    associatedtype Event: WorkflowEvent
    associatedtype Context: Codable & Sendable & Equatable

    static var id: WorkflowID { get }
    /// The Chinese name people read ("人民调解").
    static var label: String { get }
    /// The CLI's subcommand (`anjie legal-aid …`); defaults to the id with hyphens.
    static var commandName: String { get }
    /// Other names the CLI accepts for the subcommand.
    static var aliases: [String] { get }
    /// Prefix of automatically assigned case numbers (`TJ-2025-00001`).
    static var casePrefix: String { get }
    static var initialContext: Context { get }
    static func rule(for event: Event) -> TransitionRule<State>
    static func spec(for event: Event) -> EventSpec
    /// States in which the case counts as closed (`closed_at` is set on entering them).
    static func isClosed(_ state: State) -> Bool
    /// Reads data written to an older form of the contract as the current form, before validation
    /// (e.g. notarisation's `service: appointment` → window + `booked`). Most workflows need none.
    static func upgrade(_ event: Event, data: EventData) -> EventData
    /// Rules beyond the table, e.g. "route needs an assessment". Throws `DomainError`.
    static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws
    /// Remember what later guards need.
    static func evolve(_ context: inout Context, event: Event, data: EventData, at: Date, from: State?, to: State)
    /// The outcome a closing event implies (e.g. `resolve` → resolved); nil keeps the previous one.
    static func outcome(of event: Event, data: EventData) -> Outcome

    /// Events that conclude a case for supervisors' closure statistics (办结/调结): a case received
    /// in a period counts as concluded when one of these happened before the period's end.
    static var concludingEvents: [Event] { get }
    /// Fields of the case-opening event stored as typed columns of the cases row, for statistics
    /// (and `township`, for scope). Each must be a field of a `create` event and a column of
    /// `cases` (a migration adds a new one; a test checks both).
    static var statisticsColumns: [String] { get }
    /// Roles that may record an event (API tokens; the CLI runs as the bureau).
    static func recorders(of event: Event) -> Set<Role>
    /// The deadlines of DOMAIN.md's table for this workflow, followed through a case's history.
    static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker]
    /// Records only the roles that handle them may read (个人信息保护法 art. 28: community
    /// corrections); every other role sees counts only (`Identity.canRead`).
    static var isSensitive: Bool { get }
}

public enum Outcome: Sendable, Equatable {
    case keep
    case clear
    case set(String)
}

extension WorkflowRules {
    public static var commandName: String { id.rawValue.replacingOccurrences(of: "_", with: "-") }
    public static var aliases: [String] { [] }
    public static func isClosed(_ state: State) -> Bool { false }
    public static func upgrade(_ event: Event, data: EventData) -> EventData { data }
    public static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws {}
    public static func evolve(_ context: inout Context, event: Event, data: EventData, at: Date, from: State?, to: State) {}
    public static func outcome(of event: Event, data: EventData) -> Outcome { .keep }
    public static var concludingEvents: [Event] { [] }
    public static var statisticsColumns: [String] { [] }
    /// Clerks record every workflow's events; admins may do everything.
    public static func recorders(of event: Event) -> Set<Role> { [.clerk, .admin] }
    public static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker] { [] }
    public static var isSensitive: Bool { false }
}

/// An event of a case as its workflow's clocks read it: typed, with the county-local day.
public struct Timed<Event: Sendable>: Sendable {
    public let event: Event
    public let at: Date
    public let day: LocalDate
    public let data: EventData

    public init(event: Event, at: Date, data: EventData) {
        self.event = event
        self.at = at
        self.day = LocalDate(at)
        self.data = data
    }
}

/// Workflows whose guards need no memory.
public struct NoContext: Codable, Sendable, Equatable {
    public init() {}
}
