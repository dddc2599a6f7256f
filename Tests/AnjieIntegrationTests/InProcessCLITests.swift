@testable import AnjieCLI
import AnjieDomain
import AnjieStore
import Foundation
import Testing

/// The CLI run in process (`AnjieCommand.run`), as the proof of issue 15 drives it for a workflow
/// registered at run time: the event commands come from the registry, and a run prints and ends
/// as the `anjie` binary does.
@Suite struct InProcessCLITests {
    /// The registry as every test of this process sees it: the probe workflow of the recipe proof is
    /// registered first, so a registration cannot land between two reads of one test.
    static var offered: [WorkflowID] {
        _ = RecipeProofTests.workflow
        return WorkflowID.allCases.filter { Workflows[$0] != nil }
    }

    @Test func rootHelpListsEveryRegisteredWorkflowCommandWithItsLabel() async throws {
        let offered = Self.offered
        let run = await AnjieCommand.run(["--help"])
        #expect(run.status == 0)
        let subcommands = try #require(run.output.components(separatedBy: "SUBCOMMANDS:").last)
        for id in offered {
            // ArgumentParser wraps long help lines; the label opens the command's line.
            #expect(subcommands.contains("  \(id.commandName) "), "\(id) missing from anjie --help")
            #expect(subcommands.contains("\(id.label)：记录事件"), "\(id)'s label missing from anjie --help")
        }
        #expect(WorkflowCommands.subcommands.map { $0.configuration.commandName } == Self.offered.map(\.commandName))
    }

    @Test func eachWorkflowCommandOffersItsEventsAndCompletesItsName() async throws {
        let bash = await AnjieCommand.run(["--generate-completion-script", "bash"])
        #expect(bash.status == 0)
        let completed = Set(bash.output.split(whereSeparator: { " '|\n()".contains($0) }).map(String.init))
        for id in Self.offered {
            let workflow = try #require(Workflows[id])
            let help = await AnjieCommand.run([id.commandName, "--help"])
            #expect(help.status == 0 && help.errors.isEmpty, "\(id): \(help.errors)")
            for event in workflow.events {
                let verb = event.spec.name.replacingOccurrences(of: "_", with: "-")
                #expect(help.output.contains("\n  \(verb)  "), "\(id) --help lacks \(verb)")
            }
            #expect(completed.contains(id.commandName), "bash completion lacks \(id.commandName)")
        }
    }

    @Test func refusalsAndUsageErrorsEndAsTheBinaryEnds() async throws {
        let unknown = await AnjieCommand.run(["nonsense"])
        #expect(unknown.status == 64 && unknown.output.isEmpty)
        #expect(unknown.errors.contains("Unexpected argument 'nonsense'"))
        let noEvent = await AnjieCommand.run(["dispute", "bogus"])
        #expect(noEvent.status == 1 && noEvent.output.isEmpty)
        #expect(noEvent.errors.contains("错误 Error: ") && noEvent.errors.contains("bogus"))
    }

    @Test func anEventRecordsInTheGivenDatabase() async throws {
        try await TestDatabase.withFreshDatabase("inprocesscli") { db, _ in
            let register = BadInputCorpus.cliValidRegister + ["--county", "450222", "--actor", "test:inprocess", "--format", "json"]
            let run = await AnjieCommand.run(register, database: db)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("JF-2025-00001"), "\(run.output)")
            let missing = await AnjieCommand.run(["dispute", "register", "--no-input", "--county", "450222"], database: db)
            #expect(missing.status == 1 && missing.errors.contains("数据有误 Invalid data:"))
            let count = try await db.client.query("SELECT count(*) FROM events", logger: db.logger)
                .decode(Int.self).reduce(0, +)
            #expect(count == 1)
        }
    }
}
