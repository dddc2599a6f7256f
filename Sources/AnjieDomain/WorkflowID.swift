/// The workflows of DOMAIN.md. Raw values are the canonical ids.
public enum WorkflowID: String, CaseIterable, Sendable, Codable {
    case dispute
    case matter
    case mediation
    case review
    case adminMediation = "admin_mediation"
    case legalAid = "legal_aid"
    case notarization

    public var label: String {
        switch self {
        case .dispute: return "矛盾纠纷（六步闭环）"
        case .matter: return "其他事项"
        case .mediation: return "人民调解"
        case .review: return "行政复议"
        case .adminMediation: return "行政争议调解"
        case .legalAid: return "法律援助"
        case .notarization: return "公证"
        }
    }

    /// The CLI's subcommand name.
    public var commandName: String {
        switch self {
        case .dispute, .matter, .mediation, .review: return rawValue
        case .adminMediation: return "admin-mediation"
        case .legalAid: return "legal-aid"
        case .notarization: return "notary"
        }
    }

    /// Prefix of automatically assigned case numbers (`JF-2025-00001`).
    public var casePrefix: String {
        switch self {
        case .dispute: return "JF"
        case .matter: return "SX"
        case .mediation: return "TJ"
        case .review: return "FY"
        case .adminMediation: return "XZTJ"
        case .legalAid: return "YZ"
        case .notarization: return "GZ"
        }
    }

    /// Accepts the id, the command name or the Chinese label.
    public static func parse(_ text: String) -> WorkflowID? {
        let key = text.trimmingWhitespace().lowercased().replacingHyphens()
        return allCases.first { $0.rawValue == key || $0.commandName.replacingHyphens() == key || $0.label == text }
            ?? (key == "notary" ? .notarization : nil)
    }
}

/// A case number: 1–64 letters, digits, `-` and `_`, unique per county and workflow.
public enum CaseNumber {
    public static func validate(_ text: String) throws -> String {
        guard (1...64).contains(text.count),
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw DomainError.invalidInput(
                "案件编号应为1至64位字母、数字、- 或 _：\(text.prefix(80))",
                "a case number is 1 to 64 letters, digits, - or _: \(text.prefix(80))")
        }
        return text
    }
}

/// A county: its GB/T 2260 six-digit code.
public enum CountyCode {
    public static func validate(_ text: String) throws -> String {
        guard text.count == 6, text.allSatisfy(\.isASCIIDigitChar) else {
            throw DomainError.invalidInput("县级行政区划代码应为6位数字：\(text.prefix(40))",
                                           "a county code is six digits (GB/T 2260): \(text.prefix(40))")
        }
        return text
    }
}
