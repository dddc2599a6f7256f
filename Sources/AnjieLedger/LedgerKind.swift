/// The spreadsheet ledgers (台账) a township keeps and Anjie can read.
public enum LedgerKind: String, CaseIterable, Sendable {
    /// 人民调解登记台账: one row per people's-mediation case.
    case mediation
}
