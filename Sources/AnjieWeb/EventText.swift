import AnjieDomain
import Foundation

/// One party of an event, as a row of the parties table: labels, never ids. ID number and phone
/// are shown as the store gave them (masked unless the reader's role may see them).
public struct PartyRow: Sendable, Equatable {
    public var role: String
    public var kind: String
    public var name: String
    /// The resident ID number or, for an organisation, the unified social credit code; "—" when none.
    public var idNumber: String
    public var phone: String

    public init(role: String, kind: String, name: String, idNumber: String, phone: String) {
        self.role = role
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
    }
}

/// Event data as a person reads it: each field by its Chinese label, each value in words (an enum
/// by its label, a flag as 是/否, an amount in 元), parties as table rows. Everything comes from the
/// event's spec in the registry, so a new workflow's fields read right with no table here.
public enum EventText {
    /// The event's fields in the order its spec declares them (unknown keys, from older records,
    /// after them), and its parties.
    public static func lines(_ data: EventData, spec: EventSpec?) -> (fields: [FieldLine], parties: [PartyRow]) {
        var fields: [FieldLine] = []
        var parties: [PartyRow] = []
        let declared = spec?.fields ?? []
        let known = Set(declared.map(\.name))
        for field in declared {
            guard let value = data[field.name], value != .null else { continue }
            if case .parties = field.kind {
                parties += partyRows(value)
            } else {
                var shown = text(value, kind: field.kind)
                // "涉及金额（元）：44200.00", not "…（元）：44200.00元".
                if case .amount = field.kind, field.zh.contains("元"), shown.hasSuffix("元") { shown.removeLast() }
                fields.append(FieldLine(name: label(field.zh), value: shown))
            }
        }
        for key in data.keys.sorted() where !known.contains(key) {
            guard let value = data[key], value != .null else { continue }
            if key == "parties" {
                parties += partyRows(value)
            } else {
                fields.append(FieldLine(name: key, value: text(value, kind: nil)))
            }
        }
        return (fields, parties)
    }

    /// A field's label as a heading: without the hint a form gives the clerk ("原因（如：…）" → "原因").
    static func label(_ zh: String) -> String {
        guard let range = zh.range(of: "（如"), zh.hasSuffix("）") else { return zh }
        return String(zh[..<range.lowerBound])
    }

    /// A value in words. Without a kind (a key the spec does not know) it is still never JSON.
    public static func text(_ value: JSONValue, kind: FieldKind?) -> String {
        switch kind {
        case .choice(let choices):
            return value.stringValue.map(choices.label(of:)) ?? plain(value)
        case .choiceList(let choices):
            let items = value.arrayValue ?? [value]
            return items.map { $0.stringValue.map(choices.label(of:)) ?? plain($0) }.joined(separator: "、")
        case .amount:
            guard let number = value.numberValue else { return plain(value) }
            return String(format: "%.2f", number) + "元"
        case .count:
            guard let number = value.numberValue else { return plain(value) }
            return number.rounded() == number ? String(Int(number)) : plain(value)
        case .flag:
            return value.boolValue.map { $0 ? "是" : "否" } ?? plain(value)
        case .textList:
            return (value.arrayValue ?? [value]).map(plain).joined(separator: "；")
        case .parties:
            return partyRows(value).map { "\($0.role) \($0.name)" }.joined(separator: "；")
        case .text, .date, .creditCode, .agency, .link, nil:
            return plain(value)
        }
    }

    /// Any value as plain words: lists joined, objects as "键：值" pairs, never braces or quotes.
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .null: return "—"
        case .bool(let flag): return flag ? "是" : "否"
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): return text
        case .array(let items): return items.map(plain).joined(separator: "、")
        case .object(let fields): return fields.keys.sorted().map { "\($0)：\(plain(fields[$0]!))" }.joined(separator: "，")
        }
    }

    static func partyRows(_ value: JSONValue) -> [PartyRow] {
        let items = value.arrayValue ?? [value]
        return items.map { item in
            let fields = item.objectValue ?? [:]
            let field = { (key: String) -> String? in fields[key].map(plain).flatMap { $0.isEmpty || $0 == "—" ? nil : $0 } }
            return PartyRow(role: field("role").map(Vocabulary.partyRole.label(of:)) ?? "—",
                            kind: field("kind").map(Vocabulary.partyKind.label(of:)) ?? "—",
                            name: field("name") ?? (fields.isEmpty ? plain(item) : "—"),
                            idNumber: field("id_number") ?? field("credit_code") ?? "—",
                            phone: field("phone") ?? "—")
        }
    }
}
