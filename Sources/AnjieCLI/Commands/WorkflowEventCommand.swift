#if canImport(Glibc)
import Glibc
#endif
import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

/// `anjie <workflow> <event> [CASE] --field value …`: records one event, each event a verb.
///
/// One subcommand per registered workflow (WorkflowCommands mints them); `Position` says which.
struct WorkflowEventCommand<Position: RegistryPosition>: AsyncParsableCommand {
    static var id: WorkflowID { WorkflowCommands.offered[Position.index] }

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: id.commandName,
            abstract: "\(id.label)：记录事件 / record \(id.rawValue) events (`anjie \(id.commandName) --help` lists them)",
            // Help is generated from the domain's event specs below, per event.
            helpNames: []
        )
    }

    @Argument(parsing: .captureForPassthrough, help: "事件、案件编号与字段 Event, case number and fields")
    var words: [String] = []

    func run() async throws {
        let workflow = try await Runtime.reportingErrors { try Workflows.named(Self.id.rawValue) }
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
        if EventPrompter.shouldAsk(noInput: arguments.noInput, stdinIsTerminal: CLIOutput.isTerminal(STDIN_FILENO),
                                   stdoutIsTerminal: CLIOutput.isTerminal(STDOUT_FILENO)),
           let info = workflow.event(named: event) {
            var asked = arguments
            // The case is looked up before any field is asked (issue 17).
            let askedCase = try await Runtime.reportingErrors { try EventPrompter.terminal.completeCaseNumber(&asked, event: info) }
            try await EventPrompter.checkCaseExists(asked, event: info, workflow: Self.id, county: try await Defaults.county(asked.county, dataDir: asked.dataDir))
            try await Runtime.reportingErrors {
                try EventPrompter.terminal.completeFields(&asked, event: info, at: at, announced: askedCase)
            }
            arguments = asked
        }
        let (data, option, caseNumber) = (arguments.data, arguments.county, arguments.caseNumber)
        let (actor, expected, id) = (Defaults.actor(arguments.actor), arguments.expectVersion, Self.id)
        let recorded = try await Runtime.withDatabase(dataDir: arguments.dataDir) { db in
            let request = EventRequest(
                county: try await Defaults.county(option, in: db),
                workflow: id, caseNumber: caseNumber, event: event, data: data, at: at,
                actor: actor, expectedVersion: expected)
            return try await CaseStore(db).record(request)
        }
        print(arguments.format == .json ? JSONOutput.string(CaseRendering.json(recorded)) : CaseRendering.text(recorded))
    }
}
