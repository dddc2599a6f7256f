import AnjieDomain
import Foundation
import Testing

/// One workflow's transition table as DOMAIN.md writes it, typed by hand from the contract and
/// never read from the code, so that a change to the rules has to be a change to this table too.
///
/// Rows read like the contract's: `"follow_up: routed, supervising -> same"`, with `new` for an
/// event that opens a case and `same` for one that keeps the state. The `correct` event (allowed
/// in every state of every workflow) is the engine's, not any workflow's table: CorrectionTests and
/// CorrectionRulesTests cover it.
struct ContractTable: Sendable, CustomTestStringConvertible {
    struct Row: Sendable {
        let event: String
        /// States the event may be recorded in; nil stands for a new case.
        let from: [String?]
        /// Target state; nil: the state does not change.
        let to: String?
    }

    let workflow: WorkflowID
    let states: [String]
    let rows: [Row]
    /// States the contract calls closed or terminal; nil where it does not say.
    let closed: Set<String>?
    /// Typing mistakes in the table itself (unknown states, unreadable rows).
    let problems: [String]

    init(_ workflow: WorkflowID, states: String, closed: String? = nil, rows: [String]) {
        self.workflow = workflow
        self.states = Self.words(states)
        self.closed = closed.map { Set(Self.words($0)) }
        var problems: [String] = []
        var parsed: [Row] = []
        for text in rows {
            let parts = text.split(separator: ":", maxSplits: 1)
            let arrow = parts.count == 2 ? parts[1].components(separatedBy: "->") : []
            guard arrow.count == 2 else {
                problems.append("unreadable row \"\(text)\"")
                continue
            }
            let from = arrow[0].split(separator: ",").map(Self.trimmed).map { $0 == "new" ? nil : $0 }
            let to = Self.trimmed(arrow[1])
            parsed.append(Row(event: Self.trimmed(parts[0]), from: from, to: to == "same" ? nil : to))
        }
        let known = Set(self.states)
        for row in parsed {
            for state in row.from.compactMap({ $0 }) + [row.to].compactMap({ $0 }) where !known.contains(state) {
                problems.append("row \(row.event) names \(state), not a state of the table")
            }
        }
        for state in self.closed ?? [] where !known.contains(state) {
            problems.append("closed state \(state) is not a state of the table")
        }
        if Set(parsed.map(\.event)).count != parsed.count { problems.append("an event has two rows") }
        self.rows = parsed
        self.problems = problems
    }

    var events: [String] { rows.map(\.event) }

    func row(_ event: String) -> Row? { rows.first { $0.event == event } }

    func allows(_ event: String, in state: String?) -> Bool {
        row(event)?.from.contains(state) ?? false
    }

    /// The events the contract allows in a state (nil: a new case), in table order.
    func allowed(in state: String?) -> [String] {
        rows.filter { $0.from.contains(state) }.map(\.event)
    }

    /// Where an allowed event leads from a state.
    func target(of event: String, from state: String?) -> String? {
        guard let row = row(event) else { return nil }
        return row.to ?? state
    }

    /// "(new)" for a new case, else the state's id: how failure messages name where a case stands.
    static func name(_ state: String?) -> String { state ?? "(new)" }

    var testDescription: String { workflow.rawValue }

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).map(String.init)
    }

    private static func trimmed<S: StringProtocol>(_ text: S) -> String {
        text.trimmingCharacters(in: .whitespaces)
    }
}

extension ContractTable {
    /// The seven workflows of DOMAIN.md Part I. A workflow added to the registry needs its table here.
    static let all: [ContractTable] = [dispute, matter, mediation, review, adminMediation, legalAid, notarization]
}
