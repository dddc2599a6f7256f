/// A county setting (DOMAIN.md Part II, ⚠): a rule taken from a local rule or a secondary source,
/// named, with its default and the source of that default — never a constant buried in code. Each
/// workflow declares its own (`XRules.settings`); `SettingCatalog.all` lists them.
public struct SettingSpec: Sendable {
    public enum Kind: Sendable {
        /// One of these ids.
        case choice([String])
        /// A whole number in the range (days, months).
        case count(ClosedRange<Int>)
        /// A comma-separated list of texts (agency names, levels); empty allowed.
        case list
    }

    public let key: String
    public let zh: String
    public let en: String
    public let defaultValue: String
    /// Where the default comes from (a statute, a local rule, a secondary source).
    public let source: String
    public let kind: Kind
    /// Whether a change moves the deadlines of open cases (it does: clocks are computed from the
    /// settings in force when read); a scope setting only changes figures.
    public let movesClocks: Bool

    public init(_ key: String, _ zh: String, _ en: String, default defaultValue: String, source: String, kind: Kind,
                movesClocks: Bool) {
        self.key = key
        self.zh = zh
        self.en = en
        self.defaultValue = defaultValue
        self.source = source
        self.kind = kind
        self.movesClocks = movesClocks
    }

    /// The value normalised, or a bilingual error naming what is allowed.
    public func validate(_ raw: String) throws -> String {
        let value = raw.trimmingWhitespace()
        switch kind {
        case .choice(let ids):
            guard ids.contains(value) else {
                let hint = Suggestion.hint(for: value, among: ids)
                throw DomainError.invalidInput("\(key) 的取值应为 \(ids.joined(separator: " | "))\(hint.zh)",
                                               "\(key) must be one of \(ids.joined(separator: ", "))\(hint.en)")
            }
            return value
        case .count(let range):
            guard let number = Int(value), range.contains(number) else {
                throw DomainError.invalidInput("\(key) 的取值应为 \(range.lowerBound) 至 \(range.upperBound) 的整数",
                                               "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return String(number)
        case .list:
            return value.split(whereSeparator: { ",，、;；".contains($0) })
                .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: ",")
        }
    }
}

/// Every county setting, by workflow. A workflow adds its list here (one line).
public enum SettingCatalog {
    public static let all: [SettingSpec] = LegalAidRules.settings

    public static func spec(_ key: String) -> SettingSpec? { all.first { $0.key == key } }

    public static func named(_ key: String) throws -> SettingSpec {
        guard let spec = spec(key) else {
            let keys = all.map(\.key)
            let hint = Suggestion.hint(for: key, among: keys)
            throw DomainError.invalidInput("没有此设置：\(key)；可用：\(keys.joined(separator: ", "))\(hint.zh)",
                                           "no such setting: \(key); settings: \(keys.joined(separator: ", "))\(hint.en)")
        }
        return spec
    }
}

/// The county's settings in force: stored values over the declared defaults. Clocks and scoped
/// indicators read them here, so a change applies to every open case the next time it is read.
public struct DeadlineSettings: Sendable, Equatable, Codable {
    /// Stored values by key (already validated); a key not here has its default.
    public private(set) var values: [String: String]

    public init(values: [String: String] = [:]) {
        self.values = values
    }

    /// 法律援助法 art. 43 says 7 days; the 2023 procedure rules may count them as working days.
    public init(legalAidDecisionUnit: Clock.Unit) {
        self.values = [LegalAidRules.decisionUnitSetting.key: legalAidDecisionUnit.rawValue]
    }

    public static var keys: [String] { SettingCatalog.all.map(\.key) }

    /// The value in force: stored, or the declared default.
    public func value(_ spec: SettingSpec) -> String { values[spec.key] ?? spec.defaultValue }

    /// A count setting's value (its default if the stored text is somehow not a number).
    public func int(_ spec: SettingSpec) -> Int { Int(value(spec)) ?? Int(spec.defaultValue) ?? 0 }

    /// A list setting's items.
    public func list(_ spec: SettingSpec) -> [String] {
        value(spec).split(separator: ",").map(String.init).filter { !$0.isEmpty }
    }

    public var legalAidDecisionUnit: Clock.Unit {
        Clock.Unit(rawValue: value(LegalAidRules.decisionUnitSetting)) ?? .calendarDays
    }

    /// Applies a stored setting (`anjie config set legal_aid_decision_days working`), validated.
    public mutating func apply(key: String, value: String) throws {
        let spec = try SettingCatalog.named(key)
        values[spec.key] = try spec.validate(value)
    }
}
