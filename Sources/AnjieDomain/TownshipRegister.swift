import Foundation

/// One 乡镇/街道 of a county's register: its canonical name, its 12-digit statistical code
/// (统计用区划代码) when known, and other spellings people type for it.
public struct Township: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var code: String?
    public var aliases: [String]

    public init(name: String, code: String? = nil, aliases: [String] = []) {
        self.name = name
        self.code = code
        self.aliases = aliases
    }
}

/// A county's townships as a value: what a `township` field may hold and how it is stored.
/// A registered name, code or alias is stored as the canonical name; anything else is refused with
/// the nearest registered names, so a typo never becomes a township of its own (issue 16).
public struct TownshipRegister: Sendable, Equatable {
    public let county: String
    /// Sorted by code, then name: the order `county townships list` prints.
    public let townships: [Township]
    /// Every accepted spelling (name, code, alias), normalised, → the canonical name.
    private let index: [String: String]

    /// Checks the entries together and reports every problem at once, each with its row when the
    /// entries came from a file (`rows[i]` is the row of `townships[i]`; 0 when there is none).
    public init(county: String, townships: [Township], rows: [Int] = []) throws {
        var problems: [FieldProblem] = []
        var index: [String: String] = [:]
        func place(_ i: Int) -> String { rows.indices.contains(i) && rows[i] > 0 ? "第\(rows[i])行 row \(rows[i])" : townships[i].name }
        var cleaned: [Township] = []
        var seenNames = Set<String>()
        for (i, entry) in townships.enumerated() {
            let name = Self.clean(entry.name)
            let code = entry.code.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 }
            let aliases = entry.aliases.map(Self.clean).filter { !$0.isEmpty }
            func problem(_ zh: String, _ en: String) {
                problems.append(FieldProblem(field: place(i), rule: "township-register", zh: zh, en: en))
            }
            if name.isEmpty || name.count > 50 || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                problem("名称应为1至50个字符", "the name must be 1 to 50 characters")
            }
            if let code, code.count != 12 || !code.allSatisfy(\.isASCIIDigitChar) || !code.hasPrefix(county) {
                problem("代码 \(code.prefix(20)) 应为以县代码 \(county) 开头的12位统计用区划代码",
                        "code \(code.prefix(20)) must be a 12-digit statistical code starting with the county code \(county)")
            }
            if !name.isEmpty, !seenNames.insert(name).inserted {
                problem("名称 \(name) 重复", "the name \(name) appears twice")
            }
            for spelling in [name] + [code].compactMap({ $0 }) + aliases where !spelling.isEmpty {
                let key = Self.key(spelling)
                if let owner = index[key], owner != name {
                    problem("「\(spelling)」已属于 \(owner)", "\(spelling) already stands for \(owner)")
                } else {
                    index[key] = name
                }
            }
            cleaned.append(Township(name: name, code: code, aliases: Array(Set(aliases).subtracting([name])).sorted()))
        }
        guard problems.isEmpty else {
            throw DomainError(code: .invalidInput,
                              zh: "乡镇名册有误，未写入任何内容：" + problems.map { "\($0.field)：\($0.zh)" }.joined(separator: "；"),
                              en: "the township register has errors; nothing was written: "
                                  + problems.map { "\($0.field): \($0.en)" }.joined(separator: "; "),
                              fields: problems)
        }
        self.county = county
        self.townships = cleaned.sorted { ($0.code ?? "~", $0.name) < ($1.code ?? "~", $1.name) }
        self.index = index
    }

    public var names: [String] { townships.map(\.name) }

    /// The canonical name of a registered name, code or alias; nil for anything else.
    public func lookup(_ value: String) -> String? {
        index[Self.key(value)]
    }

    /// The canonical name, or a refusal naming the nearest registered names.
    public func canonical(_ value: String) throws -> String {
        if let name = lookup(value) { return name }
        throw DomainError.invalidData([unknown(value)])
    }

    /// The refusal of an unregistered value, in Chinese and English, with suggestions.
    public func unknown(_ value: String, field: String = "township") -> FieldProblem {
        let shown = String(Self.clean(value).prefix(40))
        let near = suggestions(for: value)
        let zh: String, en: String
        if near.isEmpty {
            zh = "乡镇「\(shown)」不在本县（\(county)）乡镇名册中；已登记：\(names.prefix(30).joined(separator: "、"))"
            en = "township \(shown) is not in county \(county)'s register; registered: \(names.prefix(30).joined(separator: ", "))"
        } else {
            zh = "乡镇「\(shown)」不在本县（\(county)）乡镇名册中；是否为：\(near.joined(separator: "、"))？"
            en = "township \(shown) is not in county \(county)'s register; did you mean \(near.joined(separator: " or "))?"
        }
        return FieldProblem(field: field, rule: "township", zh: zh, en: en)
    }

    /// The registered names nearest to a value: by edit distance over characters (大浦镇 → 大埔镇),
    /// and by the same-prefix rule — the value and a name agree but for their last character
    /// (雒容真 → 雒容镇), or one is the other's stem (雒容 → 雒容镇, 古砦 → 古砦仫佬族乡). At most three.
    public func suggestions(for value: String) -> [String] {
        let typed = Array(Self.key(value))
        guard !typed.isEmpty else { return [] }
        var best: [String: Int] = [:]
        for (spelling, name) in index {
            let known = Array(spelling)
            var score = Suggestion.editDistance(typed, known)
            let limit = max(1, min(typed.count, known.count) / 3)
            let samePrefix = typed.count >= 2 && known.count >= 2
                && (typed.dropLast() == known.dropLast() || Self.isStem(typed, of: known) || Self.isStem(known, of: typed))
            if samePrefix { score = min(score, 1) }
            guard score <= limit || samePrefix else { continue }
            best[name] = min(best[name] ?? .max, score)
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(3).map(\.key)
    }

    /// `short` is `long` without its last characters, and at least two characters long.
    static func isStem(_ short: [Character], of long: [Character]) -> Bool {
        short.count >= 2 && short.count < long.count && Array(long.prefix(short.count)) == short
    }

    /// Spreadsheet cells and typed values carry stray and full-width spaces.
    static func clean(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{3000}\u{FEFF}")))
    }

    /// Matching ignores surrounding spaces and the case of Latin letters.
    static func key(_ text: String) -> String { clean(text).lowercased() }
}
