import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

/// Names a workflow for the generic event command (one subcommand per workflow).
protocol WorkflowTag {
    static var id: WorkflowID { get }
}

enum DisputeTag: WorkflowTag { static let id = WorkflowID.dispute }

/// `anjie <workflow> <event> [CASE] --field value …`: records one event, each event a verb.
struct WorkflowEventCommand<Tag: WorkflowTag>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Tag.id.commandName,
            abstract: "\(Tag.id.label)：记录事件 / record \(Tag.id.rawValue) events (`anjie \(Tag.id.commandName) --help` lists them)",
            // Help is generated from the domain's event specs below, per event.
            helpNames: []
        )
    }

    @Argument(parsing: .captureForPassthrough, help: "事件、案件编号与字段 Event, case number and fields")
    var words: [String] = []

    func run() async throws {
        let workflow = Workflows[Tag.id]!
        let arguments = try await Runtime.reportingErrors { try EventArguments(words, workflow: workflow) }
        guard let event = arguments.event, !arguments.help else {
            print(EventHelp.text(workflow, event: arguments.event))
            return
        }
        guard workflow.event(named: event) != nil else {
            _ = try await Runtime.reportingErrors { try workflow.decide(nil, event: event, data: [:], at: Date()) }
            return
        }
        let at = try await Runtime.reportingErrors { try Self.instant(arguments.at) }
        let request = EventRequest(
            county: arguments.county ?? ProcessInfo.processInfo.environment["ANJIE_COUNTY"] ?? "450222",
            workflow: Tag.id, caseNumber: arguments.caseNumber, event: event, data: arguments.data, at: at,
            actor: Defaults.actor(arguments.actor), expectedVersion: arguments.expectVersion)
        let recorded = try await Runtime.withDatabase(dataDir: arguments.dataDir) { db in
            try await CaseStore(db).record(request)
        }
        print(arguments.format == .json ? JSONOutput.string(CaseRendering.json(recorded)) : CaseRendering.text(recorded))
    }

    static func instant(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        guard let parsed = Timestamp.parse(text) else {
            throw DomainError.invalidInput("--at 时间格式无效：\(text)（例：2025-03-02T09:30:00+08:00 或 2025-03-02 09:30）",
                                           "--at is not a time: \(text) (e.g. 2025-03-02T09:30:00+08:00 or 2025-03-02 09:30)")
        }
        return parsed
    }
}
