import AnjieDomain
import Foundation

/// How to exercise a contract table through `Workflow.decide`: minimal valid data for each event
/// and, for each state, a path of events from a new case that reaches it. Guards that need history
/// (route after an assess, confirmation of a written agreement, a government ruling on big-3
/// ownership) get their own path for the one (state, event) pair that needs it.
struct TableWalk: Sendable {
    /// One recorded event of a path; without data, the event's minimal data is used.
    struct Step: Sendable, ExpressibleByStringLiteral {
        let event: String
        let data: EventData?

        init(_ event: String, _ data: EventData? = nil) {
            self.event = event
            self.data = data
        }

        init(stringLiteral event: String) {
            self.init(event)
        }
    }

    /// Minimal data the code accepts for each event.
    let data: [String: EventData]
    /// A path from a new case to each state.
    let paths: [String: [Step]]
    /// A different path for one pair, keyed "state event", where a guard needs a particular history.
    var special: [String: [Step]] = [:]

    /// Paths start here and advance an hour per event: past, ordered, and well inside every window.
    static let start = Timestamp.parse("2025-09-01T09:00:00+08:00")!

    /// The data recorded with an event.
    func data(for event: String) -> EventData { data[event] ?? [:] }

    /// Folds the path that leads to `state` for `event` (nil state: a new case, no snapshot) and
    /// returns the snapshot and the time for the next event.
    func snapshot(_ workflow: Workflow, in state: String?, for event: String) throws -> (CaseSnapshot?, Date) {
        guard let state else { return (nil, Self.start) }
        guard let path = special["\(state) \(event)"] ?? paths[state] else {
            throw WalkProblem("no path to \(state) in the test's walk")
        }
        var snapshot: CaseSnapshot?
        var at = Self.start
        for step in path {
            let decision = try workflow.decide(snapshot, event: step.event, data: step.data ?? data(for: step.event), at: at)
            snapshot = CaseSnapshot(state: decision.to, version: (snapshot?.version ?? 0) + 1, lastEventAt: at,
                                    context: decision.context)
            at += 3600
        }
        guard snapshot?.state == state else {
            throw WalkProblem("path \(path.map(\.event)) ends in \(snapshot?.state ?? "(new)"), not \(state)")
        }
        return (snapshot, at)
    }
}

struct WalkProblem: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension TableWalk {
    static let all: [WorkflowID: TableWalk] = [
        .dispute: dispute, .matter: matter, .mediation: mediation, .review: review,
        .adminMediation: adminMediation, .legalAid: legalAid, .notarization: notarization,
    ]
}
