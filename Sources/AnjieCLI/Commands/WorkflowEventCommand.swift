#if canImport(Glibc)
import Glibc
#endif
import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

/// Names a workflow for the generic event command (one subcommand per workflow).
protocol WorkflowTag {
    static var id: WorkflowID { get }
}

enum DisputeTag: WorkflowTag { static let id = WorkflowID.dispute }
enum MatterTag: WorkflowTag { static let id = WorkflowID.matter }
enum MediationTag: WorkflowTag { static let id = WorkflowID.mediation }
enum ReviewTag: WorkflowTag { static let id = WorkflowID.review }
enum AdminMediationTag: WorkflowTag { static let id = WorkflowID.adminMediation }
enum LegalAidTag: WorkflowTag { static let id = WorkflowID.legalAid }
enum NotarizationTag: WorkflowTag { static let id = WorkflowID.notarization }

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
        let workflow = try await Runtime.reportingErrors { try Workflows.named(Tag.id.rawValue) }
        var arguments = try await Runtime.reportingErrors { try EventArguments(words, workflow: workflow) }
        guard let event = arguments.event, !arguments.help else {
            print(EventHelp.text(workflow, event: arguments.event))
            return
        }
        guard workflow.event(named: event) != nil else {
            _ = try await Runtime.reportingErrors { try workflow.decide(nil, event: event, data: [:], at: Date()) }
            return
        }
        let at = try await Runtime.reportingErrors { try EventArguments.instant(arguments.at) }
        if EventPrompter.shouldAsk(noInput: arguments.noInput, stdinIsTerminal: isatty(STDIN_FILENO) == 1,
                                   stdoutIsTerminal: isatty(STDOUT_FILENO) == 1),
           let info = workflow.event(named: event) {
            var asked = arguments
            try await Runtime.reportingErrors { try EventPrompter.terminal.complete(&asked, event: info, at: at) }
            arguments = asked
        }
        let request = EventRequest(
            county: arguments.county ?? ProcessInfo.processInfo.environment["ANJIE_COUNTY"] ?? "450222",
            workflow: Tag.id, caseNumber: arguments.caseNumber, event: event, data: arguments.data, at: at,
            actor: Defaults.actor(arguments.actor), expectedVersion: arguments.expectVersion)
        let recorded = try await Runtime.withDatabase(dataDir: arguments.dataDir) { db in
            try await CaseStore(db).record(request)
        }
        print(arguments.format == .json ? JSONOutput.string(CaseRendering.json(recorded)) : CaseRendering.text(recorded))
    }
}
