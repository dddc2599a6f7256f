/// Diagrams and reference text drawn from the same transition tables the engine uses.
public enum WorkflowDiagram {
    /// A Mermaid state diagram: states with their Chinese labels, one edge per (state, event).
    public static func mermaid(_ workflow: Workflow) -> String {
        var lines = ["stateDiagram-v2"]
        for state in workflow.states {
            lines.append("    state \"\(state.zh) \(state.id)\" as \(state.id)")
        }
        for info in workflow.events {
            for from in info.from {
                let source = from ?? "[*]"
                let target = info.to ?? from ?? "[*]"
                lines.append("    \(source) --> \(target): \(info.spec.name)")
            }
        }
        for state in workflow.states where workflow.allowedEvents(in: state.id).isEmpty {
            lines.append("    \(state.id) --> [*]")
        }
        return lines.joined(separator: "\n")
    }

    /// `docs/workflows.md`: every workflow's states, events and diagram — the contract's workflows by
    /// default, whatever a process registered besides. A test compares the committed file with
    /// this, so the documentation cannot go stale.
    public static func markdown(_ workflows: [Workflow] = Workflows.contract) -> String {
        var out = [
            "# Workflows",
            "",
            "Generated from the domain's transition tables by `anjie workflow docs > docs/workflows.md`;",
            "a test fails when this file no longer matches the code.",
            "",
        ]
        for workflow in workflows {
            out.append("## `\(workflow.id.rawValue)` — \(workflow.label)")
            out.append("")
            out.append("| event | 事件 | from | to | required fields |")
            out.append("|---|---|---|---|---|")
            for info in workflow.events {
                let from = info.from.map { $0 ?? "(new)" }.joined(separator: ", ")
                let fields = info.spec.fields.filter(\.required).map { "`\($0.name)`" }.joined(separator: ", ")
                out.append("| `\(info.spec.name)` | \(info.spec.zh) | \(from) | \(info.to ?? "(same)") | \(fields) |")
            }
            out.append("")
            out.append("```mermaid")
            out.append(mermaid(workflow))
            out.append("```")
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
