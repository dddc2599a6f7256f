/// What kind of value a data field holds; the validator normalises each kind the same way on every
/// entry path (CLI, import, HTTP).
public enum FieldKind: Sendable {
    case text
    case choice(Choices)
    /// Several values of one enumeration (e.g. legal-aid population tags).
    case choiceList(Choices)
    case date
    /// Yuan, ≥ 0, kept to 0.01.
    case amount
    /// A whole number ≥ 0.
    case count
    case flag
    case parties
    /// A list of short texts (e.g. the one-time list of missing items).
    case textList
    /// A unified social credit code (GB 32100), check character verified.
    case creditCode
    /// An agency of the county's register (DOMAIN.md Part II): its registered name, or its credit
    /// code, stored as the name. The domain checks it is text; the store checks the register.
    case agency
    /// Another case of the county, as `workflow:case` (`enforcement_case:ZF-2025-0042`). A link never
    /// gates an event; import warns when the target is missing.
    case link
}

public struct FieldSpec: Sendable {
    public let name: String
    public let zh: String
    public let kind: FieldKind
    public let required: Bool
    /// `next_hearing` also accepted as `next-hearing` (command-line spelling); computed once here
    /// rather than for every absent field of every imported line.
    public let dashedName: String

    public init(_ name: String, _ zh: String, _ kind: FieldKind, required: Bool = true) {
        self.name = name
        self.zh = zh
        self.kind = kind
        self.required = required
        self.dashedName = name.replacingOccurrences(of: "_", with: "-")
    }

    public static func optional(_ name: String, _ zh: String, _ kind: FieldKind) -> FieldSpec {
        FieldSpec(name, zh, kind, required: false)
    }

    /// Every event may carry a free-text note.
    static let note = FieldSpec.optional("note", "备注", .text)
}

/// An event's name, label and data fields.
public struct EventSpec: Sendable {
    public let name: String
    public let zh: String
    public let fields: [FieldSpec]

    public init(_ name: String, _ zh: String, _ fields: [FieldSpec] = []) {
        self.name = name
        self.zh = zh
        self.fields = fields + [FieldSpec.note]
    }

    public func field(named name: String) -> FieldSpec? {
        let key = name.replacingHyphens()
        return fields.first { $0.name == key || $0.zh == name }
    }
}
