import AnjieDomain
@testable import AnjieCLI
import Foundation
import Testing

/// Interactive entry's dialogue with a scripted reader: what is asked, what is accepted, and that the
/// result passes the same `Workflow.decide` the store runs.
@Suite struct InteractiveEntryTests {
    final class Script: @unchecked Sendable {
        var answers: [String]
        var output = ""
        init(_ answers: [String]) { self.answers = answers }
        var prompter: EventPrompter {
            EventPrompter(readLine: { [self] in answers.isEmpty ? nil : answers.removeFirst() }, write: { [self] in output += $0 })
        }
    }

    static let dispute = Workflows[.dispute]!
    static let at = Timestamp.parse("2025-03-02 09:30")!

    @Test func registerAsksForEachMissingRequiredFieldAndTheResultIsValid() throws {
        var arguments = try EventArguments(["register", "--channel", "警情推送", "--summary", "相邻排水沟纠纷"], workflow: Self.dispute)
        let script = Script([
            "打架",          // not a category: asked again
            "2",             // 邻里 by its number
            "",              // township is required: asked again
            "大埔镇",
            "张三", "申请人", "110105194912310021", "11010519491231002X", "",   // bad ID re-asked, phone skipped
            "李四", "3", "", "",
            "",              // no third party
        ])
        try script.prompter.complete(&arguments, event: Self.dispute.event(named: "register")!, at: Self.at)
        #expect(script.answers.isEmpty)
        #expect(script.output.contains("1) 婚姻家庭 marriage_family") && script.output.contains("2) 邻里 neighbour"))
        #expect(script.output.contains("必填 required"))
        #expect(script.output.contains("check"), "the bad ID number's reason is shown")
        #expect(!script.output.contains("警情推送"), "a field given on the command line is not asked for")
        #expect(arguments.data["category"] == .string("neighbour"))
        #expect(arguments.data["township"] == .string("大埔镇"))
        let parties = arguments.data["parties"]?.arrayValue ?? []
        #expect(parties.count == 2)
        #expect(parties[0].objectValue?["id_number"] == .string("11010519491231002X"))
        #expect(parties[1].objectValue?["role"] == .string("party"))
        let decision = try Self.dispute.decide(nil, event: "register", data: arguments.data, at: Self.at)
        #expect(decision.to == "registered")
    }

    @Test func anEventOnACaseAsksForTheCaseNumberFirst() throws {
        var arguments = try EventArguments(["assess", "--basis", "双方情绪激动"], workflow: Self.dispute)
        let script = Script(["JF 1", "JF-2025-00001", "中风险", "simple"])
        try script.prompter.complete(&arguments, event: Self.dispute.event(named: "assess")!, at: Self.at)
        #expect(arguments.caseNumber == "JF-2025-00001")
        #expect(arguments.data["risk"] == .string("medium") && arguments.data["complexity"] == .string("simple"))
        #expect(script.output.contains("低风险") && script.output.contains("疑难"))
    }

    @Test func endOfInputCancelsWithARefusal() throws {
        var arguments = try EventArguments(["register"], workflow: Self.dispute)
        let script = Script(["1"])
        #expect(throws: DomainError.self) {
            try script.prompter.complete(&arguments, event: Self.dispute.event(named: "register")!, at: Self.at)
        }
    }

    @Test func nothingIsAskedWhenNothingIsMissingOrWithoutATerminal() throws {
        var arguments = try EventArguments(["start-mediation", "JF-2025-00001", "--mediator", "王调解员"], workflow: Self.dispute)
        let script = Script([])
        try script.prompter.complete(&arguments, event: Self.dispute.event(named: "start-mediation")!, at: Self.at)
        #expect(script.output.isEmpty)
        #expect(EventPrompter.shouldAsk(noInput: false, stdinIsTerminal: true, stdoutIsTerminal: true))
        #expect(!EventPrompter.shouldAsk(noInput: true, stdinIsTerminal: true, stdoutIsTerminal: true))
        #expect(!EventPrompter.shouldAsk(noInput: false, stdinIsTerminal: false, stdoutIsTerminal: true))
        #expect(!EventPrompter.shouldAsk(noInput: false, stdinIsTerminal: true, stdoutIsTerminal: false))
        #expect(try EventArguments(["register", "--no-input"], workflow: Self.dispute).noInput)
    }

    /// End to end through a pseudo-terminal (util-linux `script`): the binary asks, the answers
    /// arrive on the terminal, and the case is recorded. Skipped where `script` is missing.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalTheBinaryAsksAndRecords() async throws {
        try await TestDatabase.withFreshDatabase("interactive") { db, configuration in
            let answers = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-answers-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: answers) }
            try "2\n大埔镇\n张三\n1\n\n\n\n".write(toFile: answers, atomically: true, encoding: .utf8)
            let command = "\(AnjieProcess.binary) dispute register --channel 警情推送 --summary 排水沟 --at 2025-03-02 --format json"
            let run = try AnjieProcess.run(["-qec", command, "/dev/null"], database: configuration, stdin: answers, executable: "/usr/bin/script")
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("2) 邻里 neighbour"))
            let rows = try await db.client.query("SELECT category || '|' || township FROM cases")
            var found: [String] = []
            for try await row in rows.decode(String.self) { found.append(row) }
            #expect(found == ["neighbour|大埔镇"])
        }
    }
}
