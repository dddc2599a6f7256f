import AnjieDomain
import Foundation
import Testing

/// Each contract table driven through `Workflow.decide`: every pair the contract allows is accepted
/// from a case in that state and leads where the contract says; every other pair is refused as an
/// illegal event whose message names the state, the event and the contract's allowed events.
@Suite struct TransitionTableWalkTests {
    @Test(arguments: ContractTable.all)
    func decideFollowsTheContractTable(_ table: ContractTable) throws {
        let workflow = try #require(Workflows.all[table.workflow])
        let walk = try #require(TableWalk.all[table.workflow], "\(table.workflow.rawValue) has no walk")
        let name = table.workflow.rawValue
        // A broken path or a wrong list of allowed events shows in every pair of its state: say it once.
        var reported: Set<String> = []
        func reportOnce(_ message: String) {
            if reported.insert(message).inserted { Issue.record(Comment(rawValue: message)) }
        }
        for state in [nil] + table.states {
            for event in table.events {
                let pair = "\(name): in \(ContractTable.name(state)), event \(event)"
                let snapshot: CaseSnapshot?, at: Date
                do {
                    (snapshot, at) = try walk.snapshot(workflow, in: state, for: event)
                } catch {
                    reportOnce("\(name): cannot reach \(ContractTable.name(state)): \(error)")
                    continue
                }
                do {
                    let decision = try workflow.decide(snapshot, event: event, data: walk.data(for: event), at: at)
                    if table.allows(event, in: state) {
                        #expect(decision.from == state, "\(pair): decided from \(decision.from ?? "(new)")")
                        #expect(decision.to == table.target(of: event, from: state),
                                "\(pair): led to \(decision.to), the contract says \(table.target(of: event, from: state) ?? "?")")
                    } else {
                        Issue.record("\(pair): accepted (→ \(decision.to)) but the contract refuses it")
                    }
                } catch let error as DomainError {
                    if table.allows(event, in: state) {
                        Issue.record("\(pair): refused but the contract allows it: \(error.code): \(error.en)")
                    } else {
                        let allowed = table.allowed(in: state)
                        for problem in Self.problems(of: error, state: state, event: event) {
                            Issue.record("\(pair): \(problem)")
                        }
                        if Self.isIllegalEvent(error), let listed = Self.listedAllowedEvents(error), Set(listed) != Set(allowed) {
                            reportOnce("\(name): refusals in \(ContractTable.name(state)) list allowed events \(listed), the contract allows \(allowed)")
                        }
                    }
                } catch {
                    Issue.record("\(pair): unexpected error \(error)")
                }
            }
        }
    }

    /// What is wrong with a refusal that should be an illegal event: its code, or a message that
    /// does not name the state, the event, or the allowed events.
    static func problems(of error: DomainError, state: String?, event: String) -> [String] {
        guard isIllegalEvent(error) else { return ["refused as \(error.code), not illegal-event: \(error.en)"] }
        var problems: [String] = []
        if let state, !error.en.contains(state) || !error.zh.contains(state) { problems.append("message does not name the state: \(error.en)") }
        if !error.en.contains(event) || !error.zh.contains(event) { problems.append("message does not name the event: \(error.en)") }
        if listedAllowedEvents(error) == nil { problems.append("message does not list the allowed events: \(error.en)") }
        return problems
    }

    /// The allowed events an illegal-event message lists (empty for "none"), nil when it lists none.
    static func listedAllowedEvents(_ error: DomainError) -> [String]? {
        guard let range = error.en.range(of: "allowed events: ", options: .backwards) else { return nil }
        let listed = error.en[range.upperBound...].components(separatedBy: ", ")
        return listed == ["无 / none"] ? [] : listed
    }

    /// The one place this suite reads an error code.
    static func isIllegalEvent(_ error: DomainError) -> Bool {
        error.code == .illegalEvent
    }
}
