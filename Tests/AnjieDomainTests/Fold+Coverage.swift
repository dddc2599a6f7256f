import AnjieDomain
import Foundation
import Testing

/// Checks that a workflow's tests walk its whole transition table, and that every event the table
/// does not allow in a state is refused there.
extension Fold {
    /// One row of a transition table: an event recorded in a state (`nil`: a new case).
    struct Transition: Hashable, CustomStringConvertible {
        let from: String?
        let event: String

        var description: String { "\(from ?? "(new)") --\(event)-->" }
    }

    /// The (state, event) pairs this fold has recorded.
    var transitions: Set<Transition> {
        Set(decisions.map { Transition(from: $0.from, event: $0.event) })
    }

    /// Every (state, event) pair the workflow allows, read from its definition.
    static func allowedTransitions(of workflow: Workflow) -> Set<Transition> {
        Set(workflow.events.flatMap { info in info.from.map { Transition(from: $0, event: info.spec.name) } })
    }

    /// Allowed transitions of the workflow that none of these folds recorded, for a readable failure.
    static func unwalked(_ workflow: Workflow, by folds: [Fold]) -> [String] {
        let walked = folds.reduce(into: Set<Transition>()) { $0.formUnion($1.transitions) }
        return allowedTransitions(of: workflow).subtracting(walked).map(\.description).sorted()
    }

    /// Events that are *not* allowed in the current state yet were not refused with "illegal-event"
    /// (empty when the table is enforced). Nothing is recorded.
    func disallowedButNotRefused(at text: String) -> [String] {
        let at = Timestamp.parse(text)!
        let allowed = workflow.allowedEvents(in: state)
        return workflow.events.map(\.spec.name).filter { !allowed.contains($0) }.filter { event in
            do {
                _ = try workflow.decide(snapshot, event: event, data: [:], at: at)
                return true
            } catch let error as DomainError {
                return error.code.rawValue != "illegal-event"
            } catch {
                return true
            }
        }
    }

    /// Records an event, expects the state it leads to, and expects every event the new state does
    /// not allow to be refused as illegal there.
    @discardableResult
    mutating func step(_ event: String, _ data: EventData = [:], at text: String, to expected: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Decision {
        let decision = try apply(event, data, at: text)
        #expect(decision.to == expected, "\(event) led to \(decision.to)", sourceLocation: sourceLocation)
        let unrefused = disallowedButNotRefused(at: text)
        #expect(unrefused.isEmpty, "not refused in \(decision.to): \(unrefused)", sourceLocation: sourceLocation)
        return decision
    }

    /// The refusal of an event, without recording anything; nil when the event would be accepted.
    func error(_ event: String, _ data: EventData = [:], at text: String) -> DomainError? {
        do {
            _ = try workflow.decide(snapshot, event: event, data: data, at: Timestamp.parse(text)!)
            return nil
        } catch let error as DomainError {
            return error
        } catch {
            // Not a refusal at all: fail the test here (there is no refusal code to compare).
            Issue.record("unexpected error: \(error)")
            return nil
        }
    }
}

/// Failure messages name the case's workflow, state and version instead of dumping the whole table.
extension Fold: CustomTestStringConvertible {
    var testDescription: String {
        "\(workflow.id.rawValue) case in \(state ?? "(new)") v\(snapshot?.version ?? 0)"
    }
}
