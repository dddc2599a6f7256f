#if canImport(Glibc)
import Glibc
#endif
import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入交换格式文件（JSON Lines）/ Import an interchange file (JSON Lines), all or nothing",
        discussion: """
            每行经过与命令行相同的流程规则和校验；任何一行有误则报告全部错误行（line N: 原因）且不写入任何数据。
            重复导入同一文件不会改变数据。
            Every line goes through the same rules as the CLI. Any bad line: every bad line is reported
            (line N: reason) and nothing is written. Importing the same file twice changes nothing.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "文件，- 为标准输入 File, or - for standard input") var file: String
    @Flag(name: .customLong("dry-run"), help: "只校验，不写入 Validate only; write nothing") var dryRun = false
    @Option(help: "行内未写 actor 时的记录人 Actor for lines without one") var actor: String?

    func run() async throws {
        let (file, dryRun, actor) = (file, dryRun, Defaults.actor(actor))
        let showProgress = isatty(STDERR_FILENO) == 1
        let report = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
            try await Importer(db, defaultActor: actor).run(path: file, dryRun: dryRun) { lines, bytes in
                if showProgress {
                    Terminal.progress("已读 read \(lines) 行 lines · \(bytes / 1_048_576) MB")
                }
            }
        }
        if showProgress { Terminal.progress(nil) }
        for error in report.errors { Terminal.error("line \(error.line): \(error.en) / \(error.zh)") }
        if report.moreErrors > 0 { Terminal.error("… 另有 \(report.moreErrors) 行错误 / \(report.moreErrors) more bad lines") }
        let rate = report.seconds > 0 ? Int(Double(report.eventsWritten) / report.seconds) : 0
        if global.format == .json {
            print(JSONOutput.string(.object([
                "lines": .number(Double(report.lines)), "events_written": .number(Double(report.eventsWritten)),
                "cases_created": .number(Double(report.casesCreated)), "duplicates_skipped": .number(Double(report.duplicatesSkipped)),
                "logs_written": .number(Double(report.logsWritten)), "logs_skipped": .number(Double(report.logsSkipped)),
                "errors": .number(Double(report.errorCount)), "committed": .bool(report.committed),
                "seconds": .number((report.seconds * 1000).rounded() / 1000),
            ])))
        } else if report.errorCount > 0 {
            print("未写入任何数据 Nothing written: \(report.errorCount) 行有误 bad lines of \(report.lines)")
        } else {
            let verb = report.committed ? "已导入 Imported" : "校验通过（未写入）Valid (dry run, nothing written)"
            print("\(verb): \(report.lines) 行 lines · \(report.eventsWritten) 事件 events · \(report.casesCreated) 新案件 new cases · "
                  + "\(report.logsWritten) 记录 log records · 跳过重复 skipped duplicates \(report.duplicatesSkipped + report.logsSkipped) · "
                  + String(format: "%.1f s · %d events/s", report.seconds, rate))
        }
        if report.errorCount > 0 { throw ExitCode(1) }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出交换格式（JSON Lines，按时间顺序）/ Export the interchange format (JSON Lines, time order) to stdout",
        discussion: "--year 导出该年受理的案件（含全部事件）及该年的记录。With --year: cases opened that year (all their events) and that year's log records.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "只导出此流程 Only this workflow") var workflow: String?
    @Option(help: "受理年份 Year opened") var year: Int?
    @Flag(name: .customLong("all-counties"), help: "导出所有县 Every county, not only --county") var allCounties = false

    func run() async throws {
        let id = try await Runtime.reportingErrors { try workflow.map { try Workflows.named($0).id } }
        let (global, year, allCounties) = (global, year, allCounties)
        try await Runtime.withDatabase(dataDir: global.dataDir) { db in
            let county = allCounties ? nil : try await global.county(in: db)
            var output = BufferedOutput()
            try await Exporter(db).run(county: county, workflow: id, year: year) { output.write($0) }
            output.flush()
        }
    }
}

/// Batches stdout writes: an export of a million lines should not be a million syscalls.
struct BufferedOutput {
    private var buffer = Data()

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
