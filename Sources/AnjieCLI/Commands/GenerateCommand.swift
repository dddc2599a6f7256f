import AnjieDomain
import AnjieSynthetic
import ArgumentParser
import Foundation

/// Synthetic interchange files for trials, tests and benchmarks. Records are random but valid:
/// every step was accepted by the same state machines that `anjie import` replays.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "生成合成数据（交换格式）/ Write synthetic interchange records (random, valid, deterministic) to stdout")
    @Option(help: "案件数 Number of cases") var cases: Int = 1000
    @Option(help: "记录数 Number of log records") var logs: Int = 0
    @Option(help: "县代码 County code") var county: String = County.liuchengCode
    @Option(help: "年份 Year") var year: Int = 2025
    @Option(help: "随机种子 Seed") var seed: UInt64 = 1
    @Option(help: "只生成此流程 Only this workflow") var workflow: String?

    func validate() throws {
        guard cases >= 0, logs >= 0 else { throw ValidationError("--cases and --logs must be ≥ 0") }
    }

    func run() async throws {
        let workflows = try await Runtime.reportingErrors {
            try workflow.map { [try Workflows.named($0)] } ?? Workflows.ordered
        }
        let validCounty = try await Runtime.reportingErrors { try CountyCode.validate(county) }
        // A year no event may be dated in would give a file that import refuses line by line.
        let validYear = try await Runtime.reportingErrors { try YearBounds.checked(year).year }
        var generator = RandomCases(county: validCounty, year: validYear, seed: seed)
        var output = BufferedOutput()
        for index in 0..<cases {
            for line in generator.nextCase(workflow: workflows[index % workflows.count]) {
                output.write(Interchange.encode(line))
            }
        }
        for _ in 0..<logs { output.write(Interchange.encode(generator.nextLog())) }
        output.flush()
    }
}
