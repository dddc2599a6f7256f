import AnjieDomain
import AnjieLedger
import Foundation

/// What `import-ledger` says at the end: bad rows on standard error (a clerk reads them), the
/// summary on standard output, or one JSON object with `--format json`.
struct LedgerSummary {
    let file: String
    let encoding: LedgerEncoding
    let rows: Int
    let problems: [RowProblem]
    let ignoredHeaders: [String]
    let outcome: LedgerImportRun.Outcome
    let rejectsPath: String?
    let skipInvalid: Bool
    let dryRun: Bool
    let seconds: Double

    var committed: Bool { outcome.report.committed && !dryRun }

    func print(format: OutputFormat) {
        for problem in problems.prefix(200) { Terminal.error(Terminal.red("第 \(problem.row) 行 row \(problem.row): ") + "\(problem.zh)\n    \(problem.en)") }
        if problems.count > 200 { Terminal.error("… 另有 \(problems.count - 200) 行有误 / \(problems.count - 200) more bad rows") }
        if !ignoredHeaders.isEmpty {
            Terminal.error(Terminal.dim("未识别的列已忽略 Columns not recognised, ignored: " + ignoredHeaders.joined(separator: "、")))
        }
        let report = outcome.report
        if format == .json {
            Swift.print(JSONOutput.string(.object([
                "file": .string(file), "encoding": .string(encoding.rawValue), "rows": .number(Double(rows)),
                "rows_imported": .number(Double(committed ? outcome.rowsImported : 0)),
                "cases_created": .number(Double(committed ? report.casesCreated : 0)),
                "events_written": .number(Double(committed ? report.eventsWritten : 0)),
                "duplicates_skipped": .number(Double(report.duplicatesSkipped)),
                "rejected": .number(Double(problems.count)),
                "rejects_file": rejectsPath.map(JSONValue.string) ?? .null,
                "committed": .bool(committed), "seconds": .number((seconds * 1000).rounded() / 1000),
                "problems": .array(problems.map { .object(["row": .number(Double($0.row)), "zh": .string($0.zh), "en": .string($0.en)]) }),
                "ignored_columns": .array(ignoredHeaders.map(JSONValue.string)),
            ])))
            return
        }
        let head = "\(file)（\(encoding.label)）· \(rows) 行 rows"
        if !problems.isEmpty && !skipInvalid {
            Swift.print("\(head)\n" + Terminal.red("未写入任何数据 Nothing written") + ": \(problems.count) 行有误 bad rows. "
                        + "改正后重新导入，或加 --skip-invalid 导入其余各行 / Correct them and import again, or use --skip-invalid to import the rest.")
            return
        }
        let verb = committed ? Terminal.green("已导入 Imported") : "校验通过（未写入）Valid (dry run, nothing written)"
        var lines = [head,
                     "\(verb): \(committed ? outcome.rowsImported : rows - problems.count) 行 rows · \(report.casesCreated) 新案件 new cases · "
                     + "\(report.eventsWritten) 事件 events · 已存在跳过 already present \(report.duplicatesSkipped) · "
                     + String(format: "%.1f s", seconds)]
        if !problems.isEmpty {
            lines.append(Terminal.red("拒绝 Rejected") + ": \(problems.count) 行 rows"
                         + (rejectsPath.map { " → \($0)（改正后可再导入 correct and import it again）" } ?? ""))
        }
        Swift.print(lines.joined(separator: "\n"))
    }
}
