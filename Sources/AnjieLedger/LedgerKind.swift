/// The spreadsheet ledgers (台账) a township keeps and Anjie can read.
public enum LedgerKind: String, CaseIterable, Sendable {
    /// 人民调解登记台账: one row per people's-mediation case.
    case mediation

    public var label: String {
        switch self {
        case .mediation: return "人民调解登记台账"
        }
    }
}

/// A row the ledger reader refused, with Excel's row number and the reason in both languages.
public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
    public let row: Int
    public let zh: String
    public let en: String

    public init(row: Int, zh: String, en: String) {
        (self.row, self.zh, self.en) = (row, zh, en)
    }

    public var description: String { "第 \(row) 行 row \(row): \(zh) / \(en)" }
}
