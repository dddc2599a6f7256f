import AnjieDomain
import AnjieStore
import AnjieSynthetic
import ArgumentParser
import Foundation

/// `anjie demo`: the main job. On its own embedded database it loads a synthetic 2025 year of
/// 柳城县 through the same workflow engine as the CLI (as an interchange file, imported), then
/// prints the report recomputed from those records beside the published figures.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "演示：导入柳城县2025年合成记录并重新计算年报 / Demo: load a synthetic 2025 for 柳城县 and recompute the report",
        discussion: """
            演示数据放在单独的本地数据库（默认 ./.anjie/demo），不会混入正式数据；重复运行不会重复导入。
            The demo uses its own embedded database (default ./.anjie/demo), never ANJIE_DATABASE_URL,
            so it cannot mix with real records; re-running it imports nothing twice.
            """)
    @Option(name: .customLong("data-dir"), help: "演示数据库目录 Demo database directory") var dataDir: String = ".anjie/demo"
    @Option(help: "输出格式 Report format") var format: ReportCommand.Format = .text

    func run() async throws {
        let started = Date()
        let dataDir = dataDir
        let format = format
        Self.step("生成柳城县（450222）2025年合成记录 / generating a synthetic 2025 for 柳城县 (450222)")
        let lines = Demo2025.lines()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-demo-\(getpid()).jsonl").path
        var text = lines.map(Interchange.encode).joined(separator: "\n")
        text += "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.step("  \(lines.count) 行交换记录 interchange lines → \(path)")
        Self.step("启动本地数据库 / starting the embedded database in \(dataDir)")
        let report = try await Runtime.reportingErrors {
            let target = DatabaseTarget.local(dataDir: dataDir)
            let configuration = try target.configuration()
            let keys = try await Database.with(configuration, logger: Runtime.logger) { owner in
                try await Runtime.ensureMigrated(owner)
                return try await PersonalDataKeys.load(for: target, database: owner)
            }
            return try await Database.with(DatabaseTarget.asApplication(configuration), logger: Runtime.logger, personalData: keys) { db in
                // The county and its twelve townships first, as a deployment's `anjie county init` does:
                // every record's township is then checked against the register (issue 16).
                let register = try TownshipRegister(county: County.liuchengCode,
                                                    townships: County.liuchengTownships.map { Township(name: $0) })
                try await CountyStore(db).initialize(code: County.liuchengCode, name: County.liuchengName, makeDefault: false,
                                                     townships: register)
                Self.step("县与乡镇名册 county register: \(County.liuchengName)（\(County.liuchengCode)），\(register.townships.count) 个乡镇 townships")
                Self.step("导入：每条记录经同一流程规则与校验 / importing: every record through the same workflow rules")
                let imported = try await Importer(db, defaultActor: "demo").run(path: path, dryRun: false) { done, _ in
                    if done % 5000 == 0 { Self.step("  … \(done) 行 lines") }
                }
                guard imported.errors.isEmpty else {
                    for error in imported.errors.prefix(10) { Terminal.error(error.description) }
                    throw StoreError.database("demo data rejected: \(imported.errorCount) bad lines")
                }
                Self.step("  新写入 written: \(imported.eventsWritten) 事件 events, \(imported.logsWritten) 记录 log records; "
                     + "已存在而跳过 already present: \(imported.duplicatesSkipped + imported.logsSkipped)"
                     + String(format: " (%.1f s)", imported.seconds))
                Self.step("由记录重新计算2025年报 / recomputing the 2025 report from the records")
                return try await ReportService(db).report(county: County.liuchengCode, year: 2025)
            }
        }
        print("")
        switch format {
        case .text: print(ReportRendering.text(report, compare: true))
        case .md: print(ReportRendering.markdown(report, compare: true))
        case .json: print(JSONOutput.string(ReportRendering.json(report)))
        case .csv: print(ReportRendering.csv(report))
        }
        let matched = report.results.filter { $0.matches == true }.count
        let published = report.results.filter { $0.indicator.published != nil }.count
        print("")
        Self.step(String(format: "完成 done in %.1f s", Date().timeIntervalSince(started))
                  + " · 与公布值一致 \(matched)/\(published) matching published figures"
                  + " · 查看记录 explore: anjie case list --data-dir \(dataDir)")
    }

    private static func step(_ text: String) {
        Terminal.error(Terminal.dim("· ") + text)
    }
}
