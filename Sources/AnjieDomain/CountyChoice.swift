/// A county the database serves, as its register names it.
public struct RegisteredCounty: Sendable, Equatable {
    public let code: String
    public let name: String
    public let isDefault: Bool
    /// Townships in its register (0: none loaded, townships are then accepted as typed).
    public let townships: Int

    public init(code: String, name: String, isDefault: Bool, townships: Int = 0) {
        (self.code, self.name, self.isDefault, self.townships) = (code, name, isDefault, townships)
    }

    /// "柳城县（450222）": how headers, reports and the dashboard name the county.
    public var label: String { Self.label(name: name, code: code) }

    /// "柳城县（450222）": how headers, reports and pages name a county.
    public static func label(name: String, code: String) -> String { "\(name)（\(code)）" }
}

/// Which county a command works on when it names none: never a hard-coded code (issue 16).
public enum CountyChoice {
    /// `explicit` (`--county`, `ANJIE_COUNTY`) wins; else the only registered county, or the one
    /// marked default. With none registered, a database whose cases all belong to one county keeps
    /// working on it (databases made before the register existed); otherwise the answer is an error
    /// that says what to do.
    public static func resolve(explicit: String?, registered: [RegisteredCounty], caseCounties: [String]) throws -> String {
        if let explicit, !explicit.isEmpty { return try CountyCode.validate(explicit) }
        if registered.count == 1 { return registered[0].code }
        if let chosen = registered.first(where: \.isDefault) { return chosen.code }
        if !registered.isEmpty {
            let listing = registered.map(\.label).joined(separator: "、")
            let listingEn = registered.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
            throw DomainError.invalidInput(
                "本数据库登记了多个县：\(listing)；请用 --county 或 ANJIE_COUNTY 指定，或用 anjie county init 代码 --name 名称 --default 设定默认县",
                "this database serves several counties: \(listingEn); choose one with --county or ANJIE_COUNTY, "
                    + "or make one the default with `anjie county init CODE --name NAME --default`")
        }
        if caseCounties.count == 1 { return caseCounties[0] }
        let found = caseCounties.isEmpty ? "" : "（现有案件属于：\(caseCounties.joined(separator: "、"))）"
        let foundEn = caseCounties.isEmpty ? "" : " (cases exist for \(caseCounties.joined(separator: ", ")))"
        throw DomainError.invalidInput(
            "尚未登记本县\(found)：请先运行 anjie county init 代码 --name 名称（例：anjie county init 450222 --name 柳城县），或用 --county 指定",
            "no county is registered\(foundEn): run `anjie county init CODE --name NAME` first "
                + "(e.g. anjie county init 450222 --name 柳城县), or give --county")
    }
}
