/// `anjie import-ledger --template mediation`: the header row and one example row, so a clerk starts
/// from a sheet the importer reads.
public enum LedgerTemplate {
    public static func text(_ kind: LedgerKind) throws -> String {
        switch kind {
        case .mediation:
            return try LedgerTable.write(header: MediationColumn.allCases.map(\.header),
                                         rows: [MediationColumn.allCases.map(\.example)])
        }
    }

    /// UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as GBK.
    public static func bytes(_ kind: LedgerKind) -> [UInt8] {
        LedgerEncoding.utf8.encode((try? text(kind)) ?? "")
    }
}
