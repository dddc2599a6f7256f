/// Deadline lengths a county may configure (LEGAL-NOTES marks them ⚠: secondary sources or local
/// practice). Defaults follow the statute's wording.
public struct DeadlineSettings: Sendable, Equatable, Codable {
    /// 法律援助法 art. 43 says 7 days; the 2023 procedure rules may count them as working days.
    public var legalAidDecisionUnit: Clock.Unit = .calendarDays

    public init(legalAidDecisionUnit: Clock.Unit = .calendarDays) {
        self.legalAidDecisionUnit = legalAidDecisionUnit
    }

    public static let keys = ["legal_aid_decision_days"]

    /// Applies a stored setting (`anjie config set legal_aid_decision_days working`).
    public mutating func apply(key: String, value: String) throws {
        switch key {
        case "legal_aid_decision_days":
            guard let unit = Clock.Unit(rawValue: value) else {
                throw DomainError.invalidInput("取值应为 calendar 或 working", "the value must be calendar or working")
            }
            legalAidDecisionUnit = unit
        default:
            throw DomainError.invalidInput("没有此设置：\(key)；可用：\(Self.keys.joined(separator: ", "))",
                                           "no such setting: \(key); settings: \(Self.keys.joined(separator: ", "))")
        }
    }
}
