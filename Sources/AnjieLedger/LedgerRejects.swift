import Foundation

/// The rejects file of `--skip-invalid`: the refused rows as they were typed, each with its reason
/// in a last column, in the input's encoding so the clerk opens it in Excel, corrects it and imports
/// it again (the columns are the input's, so the same header mapping applies).
public enum LedgerRejects {
    public static let reasonHeader = "错误原因 Reason"

    /// `台账.csv` → `台账.rejects.csv`, beside the input.
    public static func path(for input: String) -> String {
        let url = URL(fileURLWithPath: input)
        let base = url.pathExtension.lowercased() == "csv" ? url.deletingPathExtension() : url
        return base.path + ".rejects.csv"
    }

    public static func text(table: LedgerTable, problems: [RowProblem]) throws -> String {
        let reasons = Dictionary(grouping: problems, by: \.row)
        let width = table.header.count
        let rows = table.rows.compactMap { row -> [String]? in
            guard let found = reasons[row.number] else { return nil }
            let cells = row.cells + Array(repeating: "", count: max(0, width - row.cells.count))
            return cells + [found.map { "第\(row.number)行：\($0.zh) / row \(row.number): \($0.en)" }.joined(separator: "\n")]
        }
        return try LedgerTable.write(header: table.header + [reasonHeader], rows: rows)
    }
}
