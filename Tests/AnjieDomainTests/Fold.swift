import AnjieDomain
import Foundation

/// Drives a workflow step by step without a database, as the store would.
struct Fold {
    let workflow: Workflow
    private(set) var snapshot: CaseSnapshot?
    private(set) var decisions: [Decision] = []

    init(_ workflow: Workflow) {
        self.workflow = workflow
    }

    var state: String? { snapshot?.state }

    /// Applies an event; throws the domain's refusal and leaves the fold unchanged when refused.
    @discardableResult
    mutating func apply(_ event: String, _ data: EventData = [:], at text: String) throws -> Decision {
        let at = Timestamp.parse(text)!
        let decision = try workflow.decide(snapshot, event: event, data: data, at: at)
        snapshot = CaseSnapshot(state: decision.to, version: (snapshot?.version ?? 0) + 1, lastEventAt: at,
                                context: decision.context)
        decisions.append(decision)
        return decision
    }

    /// Like `apply`, but returns the refusal's code ("illegal-event", "invalid-data", …) or nil if accepted.
    mutating func refusal(_ event: String, _ data: EventData = [:], at text: String) -> String? {
        do {
            try apply(event, data, at: text)
            return nil
        } catch let error as DomainError {
            return error.code.rawValue
        } catch {
            return "unexpected: \(error)"
        }
    }
}

/// A person party with a valid ID number, for opening events.
let samplePerson: JSONValue = .object([
    "role": .string("applicant"), "name": .string("张三"), "id_number": .string("11010519491231002X"),
])
