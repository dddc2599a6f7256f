import AnjieDomain
import Foundation
import Testing

@Suite struct WorkflowDocsTests {
    @Test func docsWorkflowsMatchesTheCode() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/workflows.md")
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == WorkflowDiagram.markdown() + "\n",
                "docs/workflows.md is stale: run `anjie workflow docs > docs/workflows.md`")
    }

    @Test func everyTransitionIsAnEdgeOfTheDiagram() {
        for id in WorkflowID.allCases {
            let workflow = Workflows[id]!
            let diagram = WorkflowDiagram.mermaid(workflow)
            for info in workflow.events {
                for from in info.from {
                    #expect(diagram.contains("\(from ?? "[*]") --> \(info.to ?? from ?? "[*]"): \(info.spec.name)"))
                }
            }
        }
    }
}
