#if canImport(Glibc)
import Glibc
#endif
import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

extension CaseCommand {
    /// `anjie case correct WORKFLOW CASE --seq N --reason … (--at … | --set field=value … | --void)`:
    /// records a `correct` event (更正). The corrected event stays in the log; state, deadlines and
    /// every figure follow the corrected history.
    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "更正一个已记录的事件 / Correct a recorded event (its time, some of its fields, or void it)",
            discussion: """
                例 Examples:
                  anjie case correct dispute JF-2026-00003 --seq 2 --reason "时间录错" --at "2026-03-01 10:00"
                  anjie case correct mediation TJ-2026-00012 --seq 1 --reason "金额录错" --set amount=12000
                  anjie case correct dispute JF-2026-00007 --seq 3 --reason "记到了错误的案件" --void
                序号见 anjie case show。Sequence numbers: anjie case show.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "流程 Workflow") var workflow: String
        @Argument(help: "案件编号 Case number") var caseNumber: String
        @Option(help: "被更正事件的序号 The corrected event's sequence number (case show); asked for on a terminal") var seq: Int?
        @Option(help: "更正理由 Why; asked for on a terminal") var reason: String?
        @Option(name: .customLong("at"), help: "正确的事件时间 The event's right time") var newTime: String?
        @Option(name: .customLong("set"), parsing: .singleValue, help: "更正字段 field=value (repeatable)") var set: [String] = []
        @Flag(help: "作废该事件（如记到了错误的案件）/ Void the event (e.g. recorded on the wrong case)") var void = false
        @Option(help: "记录人 Who records it (default $ANJIE_ACTOR or the login name)") var actor: String?
        @Option(name: .customLong("expect-version"), help: "仅当案件仍为此版本时记录 Only if the case is still at this version")
        var expectVersion: Int?
        @Flag(name: .customLong("no-input"), help: "不询问缺少的内容 Never ask for what is missing") var noInput = false

        func run() async throws {
            // On a terminal, what is missing is asked for (as event entry does); elsewhere it is an error.
            let interactive = EventPrompter.shouldAsk(noInput: noInput, stdinIsTerminal: isatty(STDIN_FILENO) == 1,
                                                      stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
            let (seq, reason) = try await Runtime.reportingErrors { () throws -> (Int, String) in
                let prompter = EventPrompter.terminal
                let seq = try self.seq ?? (interactive ? try prompter.ask("被更正事件的序号 seq（见 case show）") { text in
                    guard let n = Int(text), n >= 1 else { throw DomainError.invalidInput("应为 ≥1 的整数", "an integer ≥ 1") }
                    return n
                } : nil)
                let reason = try self.reason ?? (interactive ? try prompter.ask("更正理由 reason") { $0 } : nil)
                guard let seq, let reason else {
                    throw DomainError.invalidInput("缺少 --seq 或 --reason（被更正事件的序号与更正理由）",
                                                   "--seq and --reason are required (the corrected event and why)")
                }
                return (seq, reason)
            }
            let request = try await Runtime.reportingErrors {
                let definition = try Workflows.named(workflow)
                var data: EventData = ["seq": .number(Double(seq)), "reason": .string(reason)]
                if let newTime { data["at"] = .string(Timestamp.format(try EventArguments.instant(newTime))) }
                if !set.isEmpty { data["data"] = .object(try Self.fields(set)) }
                if void { data["void"] = .bool(true) }
                return EventRequest(county: "", workflow: definition.id, caseNumber: caseNumber,
                                    event: Correction.event, data: data, at: Date(), actor: Defaults.actor(actor),
                                    expectedVersion: expectVersion)
            }
            let global = global
            let recorded = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                var request = request
                request.county = try await global.county(in: db)
                return try await CaseStore(db).record(request)
            }
            print(global.format == .json ? JSONOutput.string(CaseRendering.json(recorded)) : CaseRendering.text(recorded))
        }

        /// `field=value` pairs, as text: the rules read each value by its field's kind, as they do for
        /// `--field value` when an event is recorded (so `0771…` stays text and `12000` an amount).
        static func fields(_ pairs: [String]) throws -> EventData {
            var data: EventData = [:]
            for pair in pairs {
                guard let index = pair.firstIndex(of: "="), index != pair.startIndex else {
                    throw DomainError.invalidInput("--set 应为 字段=值：\(pair)", "--set takes field=value: \(pair)")
                }
                data[String(pair[..<index])] = EventArguments.jsonOrText(String(pair[pair.index(after: index)...]), kind: nil)
            }
            return data
        }
    }
}
