import Foundation

/// The registry of workflows: every layer that needs "all workflows" or "the workflow named X" asks
/// here, so a new workflow is its `…Rules` file plus one line in `builtIn`. Tests (and a later
/// plug-in) may `register` more at run time.
public enum Workflows {
    /// The workflows of DOMAIN.md, in the order listings show them — what the checked-in documents
    /// (docs/workflows.md, docs/openapi.json) describe, whatever else a process registers.
    public static let contract: [Workflow] = [
        Workflow(DisputeRules.self),
        Workflow(MatterRules.self),
        Workflow(MediationRules.self),
        Workflow(ReviewRules.self),
        Workflow(AdminMediationRules.self),
        Workflow(LegalAidRules.self),
        Workflow(NotarizationRules.self),
    ]

    private static let registry = Registry(contract)

    /// Adds a workflow (a test's, a county's own); registering the same id again replaces it.
    public static func register<R: WorkflowRules>(_ rules: R.Type) {
        registry.add(Workflow(rules))
    }

    /// Every registered workflow, in registration order.
    public static var ordered: [Workflow] { registry.snapshot }

    /// Every registered workflow by id.
    public static var all: [WorkflowID: Workflow] {
        Dictionary(uniqueKeysWithValues: ordered.map { ($0.id, $0) })
    }

    public static subscript(id: WorkflowID) -> Workflow? {
        registry.snapshot.first { $0.id == id }
    }

    /// The workflow named by its id, CLI command name, an alias or its Chinese label.
    public static func find(_ text: String) -> Workflow? {
        let trimmed = text.trimmingWhitespace()
        let key = trimmed.lowercased().replacingHyphens()
        return registry.snapshot.first { workflow in
            workflow.id.rawValue == key || workflow.commandName.replacingHyphens() == key || workflow.label == trimmed
                || workflow.aliases.contains { $0.lowercased().replacingHyphens() == key }
        }
    }

    /// The registered workflow of a rules type (registered on the spot if it is not yet).
    public static func of<R: WorkflowRules>(_ rules: R.Type) -> Workflow {
        if let workflow = self[R.id] { return workflow }
        register(rules)
        return self[R.id]!
    }

    public static func named(_ text: String) throws -> Workflow {
        guard let workflow = find(text) else {
            let known = ordered
            let hint = Suggestion.hint(for: text, among: known.flatMap { [$0.id.rawValue, $0.commandName, $0.label] })
            throw DomainError.invalidInput(
                "没有流程 \(text)；可用：\(known.map { "\($0.id.rawValue) \($0.label)" }.joined(separator: ", "))\(hint.zh)",
                "no workflow \(text); workflows: \(known.map(\.id.rawValue).joined(separator: ", "))\(hint.en)")
        }
        return workflow
    }

    /// A lock-guarded list: written once per registration, read on every lookup.
    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var workflows: [Workflow]

        init(_ workflows: [Workflow]) {
            self.workflows = workflows
        }

        var snapshot: [Workflow] {
            lock.lock()
            defer { lock.unlock() }
            return workflows
        }

        func add(_ workflow: Workflow) {
            lock.lock()
            defer { lock.unlock() }
            if let index = workflows.firstIndex(where: { $0.id == workflow.id }) {
                workflows[index] = workflow
            } else {
                workflows.append(workflow)
            }
        }
    }
}
