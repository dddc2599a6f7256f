import AnjieDomain
import AnjieServer
import AnjieStore
import ArgumentParser

struct WorkflowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "流程说明：状态、事件、状态图 / Workflows: states, events, diagrams",
        subcommands: [List.self, Show.self, Docs.self, OpenAPI.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, mermaid
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出流程 / List the workflows")

        func run() async throws {
            var table = TextTable(header: ["流程 workflow", "命令 command", "名称 name", "状态数 states", "事件数 events"])
            for id in WorkflowID.allCases {
                guard let workflow = Workflows[id] else { continue }
                table.rows.append([id.rawValue, id.commandName, id.label, "\(workflow.states.count)", "\(workflow.events.count)"])
            }
            print(table.render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一个流程的状态、事件与允许的转换 / One workflow's states, events and transitions")
        @Argument(help: "流程 Workflow") var workflow: String
        @Option(help: "输出格式 Output format") var format: Format = .text

        func run() async throws {
            let workflow = try await Runtime.reportingErrors { try Workflows.named(self.workflow) }
            switch format {
            case .mermaid:
                print(WorkflowDiagram.mermaid(workflow))
            case .json:
                print(JSONOutput.string(RecordJSON.workflow(workflow)))
            case .text:
                print(EventHelp.text(workflow, event: nil))
                print("\n状态 STATES:")
                for state in workflow.states {
                    let next = workflow.allowedEvents(in: state.id)
                    print("  \(state.id) \(state.zh)\(state.closed ? "（结案 closed）" : "") → \(next.isEmpty ? "终态 terminal" : next.joined(separator: ", "))")
                }
            }
        }
    }

    struct Docs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "生成 docs/workflows.md / Print docs/workflows.md")

        func run() async throws {
            print(WorkflowDiagram.markdown())
        }
    }

    struct OpenAPI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "openapi",
            abstract: "生成 docs/openapi.json（流程与事件取自注册表）/ Print docs/openapi.json, its workflows and events from the registry")

        func run() async throws {
            print(OpenAPIDocument.json)
        }
    }
}
