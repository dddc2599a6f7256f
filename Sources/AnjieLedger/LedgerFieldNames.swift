import AnjieDomain

/// Names a domain field (`parties[1].id_number`) by the ledger column a clerk typed it in, so a
/// refusal points at a cell rather than at the data model.
enum LedgerFieldNames {
    static func column(of field: String, event: String) -> (zh: String, en: String) {
        if field.hasPrefix("parties[") {
            let index = Int(field.dropFirst("parties[".count).prefix { $0.isNumber }) ?? 0
            let key = field.split(separator: ".").dropFirst().first.map(String.init) ?? "name"
            let column: MediationColumn
            switch key {
            case "id_number", "credit_code": column = .idNumbers
            case "phone": column = .phones
            default: column = .parties
            }
            return ("\(column.header)（第\(index + 1)位当事人）", "\(column.header) (party \(index + 1), \(key))")
        }
        let column: MediationColumn?
        switch field {
        case "organization": column = .organization
        case "organization_kind": column = .organizationKind
        case "source": column = .source
        case "referral_case": column = .referralCase
        case "category": column = .category
        case "big3": column = .big3
        case "big3_nature": column = .big3Nature
        case "township": column = .township
        case "amount": column = event == MediationRules.Event.agree.rawValue ? .agreedAmount : .amount
        case "form": column = .form
        case "reason": column = .reason
        case "parties": column = .parties
        case "note": column = .summary
        default: column = nil
        }
        guard let column else { return (field, field) }
        return (column.header, "\(column.header) (\(field))")
    }
}
