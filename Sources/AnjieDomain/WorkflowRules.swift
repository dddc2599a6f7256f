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

/// One workflow's rules: a pure state machine. The transition table is an exhaustive switch over
/// events (no `default:`), so adding an event forces a decision; guards that need the case's
/// history read a small `Context` folded from earlier events.
public protocol WorkflowRules: SendableMetatype {
    associatedtype State: WorkflowState
    associatedtype Event: WorkflowEvent
    associatedtype Context: Codable & Sendable & Equatable

    static var id: WorkflowID { get }
    static var initialContext: Context { get }
    static func rule(for event: Event) -> TransitionRule<State>
    static func spec(for event: Event) -> EventSpec
    /// States in which the case counts as closed (`closed_at` is set on entering them).
    static func isClosed(_ state: State) -> Bool
    /// Rules beyond the table, e.g. "route needs an assessment". Throws `DomainError`.
    static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws
    /// Remember what later guards need.
    static func evolve(_ context: inout Context, event: Event, data: EventData, at: Date, from: State?, to: State)
    /// The outcome a closing event implies (e.g. `resolve` → resolved); nil keeps the previous one.
    static func outcome(of event: Event, data: EventData) -> Outcome
}

public enum Outcome: Sendable, Equatable {
    case keep
    case clear
    case set(String)
}

extension WorkflowRules {
    public static func isClosed(_ state: State) -> Bool { false }
    public static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws {}
    public static func evolve(_ context: inout Context, event: Event, data: EventData, at: Date, from: State?, to: State) {}
    public static func outcome(of event: Event, data: EventData) -> Outcome { .keep }
}

/// Workflows whose guards need no memory.
public struct NoContext: Codable, Sendable, Equatable {
    public init() {}
}
