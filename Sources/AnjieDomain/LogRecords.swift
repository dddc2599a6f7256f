import Foundation

/// Log records: contacts and activities counted by the report that are not cases (DOMAIN.md
/// "Log records"). Each has an id unique per county.
public enum LogKind: String, CaseIterable, Sendable {
    case reception
    case deskConsultation = "desk_consultation"
    case training
    case enterpriseCheckup = "enterprise_checkup"

    public var spec: EventSpec {
        switch self {
        case .reception:
            return EventSpec(rawValue, "来访接待（人次）", [FieldSpec("site", "接待场所", .choice(Vocabulary.site))])
        case .deskConsultation:
            return EventSpec(rawValue, "导访台咨询（件次）", [FieldSpec("site", "场所", .choice(Vocabulary.site))])
        case .training:
            return EventSpec(rawValue, "人民调解员培训（场）", [
                FieldSpec("title", "培训主题", .text),
                FieldSpec("attendees", "参训人次", .count),
            ])
        case .enterpriseCheckup:
            return EventSpec(rawValue, "法治体检（企业）", [
                FieldSpec("enterprise", "企业名称", .text),
                FieldSpec("credit_code", "统一社会信用代码", .creditCode),
            ])
        }
    }

    /// Prefix of automatically assigned ids (`R-2025-000031`).
    public var idPrefix: String {
        switch self {
        case .reception: return "R"
        case .deskConsultation: return "D"
        case .training: return "T"
        case .enterpriseCheckup: return "E"
        }
    }

    public static func parse(_ text: String) throws -> LogKind {
        let key = text.trimmingWhitespace().lowercased().replacingHyphens()
        guard let kind = allCases.first(where: { $0.rawValue == key || $0.spec.zh == text }) else {
            let known = allCases.map { "\($0.rawValue) \($0.spec.zh)" }.joined(separator: ", ")
            throw DomainError.invalidInput("没有记录类型 \(text)；可用：\(known)", "no log kind \(text); kinds: \(known)")
        }
        return kind
    }

    /// Validates and normalises a record's data (the same validator as events).
    public func validate(_ data: EventData, at: Date) throws -> EventData {
        try FieldValidator.normalize(data, spec: spec, on: LocalDate(at))
    }
}
