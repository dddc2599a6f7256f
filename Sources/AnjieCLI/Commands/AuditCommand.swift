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
            abstract: "重走每个案件的哈希链并重放事件 / Re-walk every hash chain and re-fold every case (exit 1 on any finding)")
        @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory") var dataDir: String?
        @Option(help: "只核查此县 Only this county (default: every county)") var county: String?

        func run() async throws {
            let county = county
            let result = try await Runtime.withDatabase(dataDir: dataDir) { try await AuditService($0).verify(county: county) }
            for finding in result.findings { print(Terminal.red("✗ ") + finding.description) }
            print("核查 checked \(result.cases) 件案件 cases, \(result.events) 个事件 events: "
                  + (result.findings.isEmpty ? Terminal.green("全部一致 all intact") : Terminal.red("\(result.findings.count) 处不符 findings")))
            if !result.findings.isEmpty { throw ExitCode(1) }
        }
    }
}
