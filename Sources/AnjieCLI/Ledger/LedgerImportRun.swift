import AnjieDomain
import AnjieLedger
import AnjieStore
import Foundation

/// Writes a ledger's cases through the store's `Importer`: the rows become interchange lines in a
/// temporary file, which the importer replays through `Workflow.decide` and writes in ONE
/// transaction. The importer is all-or-nothing; `--skip-invalid` is built on top of it by leaving
/// out the rows the ledger reader refused, and — if the database refuses more (a case number that
/// already holds another case) — leaving those out too and running the file again.
struct LedgerImportRun {
    struct Outcome: Sendable {
        var report: Importer.Report
        /// Refused by the store (on top of the ledger reader's refusals), by row.
        var storeProblems: [RowProblem]
        var rowsImported: Int
    }

    let db: Database
    let actor: String

    func run(_ cases: [MediationLedger.Case], skipInvalid: Bool, dryRun: Bool,
             progress: (@Sendable (Int, Int) -> Void)?) async throws -> Outcome {
        var remaining = cases
        var storeProblems: [RowProblem] = []
        // Each pass can only refuse rows (cases are independent), so a second pass normally
        // succeeds; the bound only guards against looping.
        var pass = 0
        while true {
            pass += 1
            let (path, lineRows) = try Self.writeInterchange(remaining)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let total = lineRows.count
            let report = try await Importer(db, defaultActor: actor).run(path: path, dryRun: dryRun) { lines, _ in
                progress?(lines, total)
            }
            let refused = Self.problems(of: report, lineRows: lineRows)
            storeProblems += refused
            if report.errorCount == 0 || !skipInvalid || refused.isEmpty || pass == 3 {
                return Outcome(report: report, storeProblems: storeProblems, rowsImported: report.committed ? remaining.count : 0)
            }
            let refusedRows = Set(refused.map(\.row))
            remaining.removeAll { refusedRows.contains($0.row) }
        }
    }

    /// One interchange line per event; `lineRows[i]` is the ledger row of line i + 1.
    static func writeInterchange(_ cases: [MediationLedger.Case]) throws -> (path: String, lineRows: [Int]) {
        var text = ""
        var lineRows: [Int] = []
        for ledgerCase in cases {
            for event in ledgerCase.events {
                text += Interchange.encode(.event(event)) + "\n"
                lineRows.append(ledgerCase.row)
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-ledger-\(UUID().uuidString).jsonl").path
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.environment("无法写入临时文件 \(path)", "cannot write the temporary file \(path)")
        }
        return (path, lineRows)
    }

    /// The importer's line errors as ledger rows: the first error of each row (its later lines are
    /// reported by the importer as "skipped because of line N", which says nothing new).
    static func problems(of report: Importer.Report, lineRows: [Int]) -> [RowProblem] {
        var seen = Set<Int>()
        var problems: [RowProblem] = []
        for error in report.errors {
            guard error.line >= 1, error.line <= lineRows.count else { continue }
            let row = lineRows[error.line - 1]
            if seen.insert(row).inserted { problems.append(RowProblem(row: row, zh: error.zh, en: error.en)) }
        }
        return problems
    }
}
