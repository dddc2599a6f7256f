import AnjieStore
import ArgumentParser
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "防篡改核查 / Tamper evidence: verify every case's hash chain and state",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重走每个案件的哈希链并重放事件 / Re-walk every hash chain and re-fold every case (exit 1 on any finding, 5 without the personal-data key)")
        @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory") var dataDir: String?
        @Option(help: "只核查此县 Only this county (default: every county)") var county: String?

        func run() async throws {
            let county = county
            let result = try await Runtime.withDatabase(dataDir: dataDir) { try await AuditService($0).verify(county: county) }
            for finding in result.findings { print(Terminal.red("✗ ") + finding.description) }
            // A missing key is one line, whatever the number of events it affects (issue 16).
            if let unopened = result.unopenedSummary { print(Terminal.red("⚠ ") + unopened.zh + " / " + unopened.en) }
            let verdict = !result.findings.isEmpty ? Terminal.red("\(result.findings.count) 处不符 findings")
                : result.unopenedSummary != nil ? Terminal.red("未能全部核查 not fully verified: 缺少个人信息密钥 personal-data key missing")
                : Terminal.green("全部一致 all intact")
            print("核查 checked \(result.cases) 件案件 cases, \(result.events) 个事件 events: " + verdict)
            if !result.findings.isEmpty { throw ExitCode(1) }
            // The record may be intact, but this machine cannot show it: the environment's fault (5).
            if result.unopenedSummary != nil { throw ExitCode(5) }
        }
    }
}
