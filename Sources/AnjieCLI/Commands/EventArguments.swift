import AnjieDomain
import Foundation

/// The words after `anjie <workflow>`: `EVENT [CASE] [--field value]… [--at T] [--actor A] …`.
///
/// Event fields come from the domain's event specs at run time, so they are parsed here rather than
/// declared to ArgumentParser one by one: every workflow's CLI then follows the domain without
/// a hand-kept copy of each field, and help lists exactly what the validator accepts.
struct EventArguments {
    var event: String?
    var caseNumber: String?
    var data: EventData = [:]
    var at: String?
    var actor: String?
    var county: String?
    var dataDir: String?
    var format: OutputFormat = .text
    var expectVersion: Int?
    var help = false
    /// `--no-input`: never ask on a terminal; missing fields are refused as in a script.
    var noInput = false

    static let controlOptions: Set<String> = ["at", "actor", "county", "data-dir", "format", "expect-version", "data", "party", "no-input"]

    init(_ words: [String], workflow: Workflow) throws {
        try self.init(words) { workflow.event(named: $0)?.spec }
    }

    /// `specFor` finds the spec of the event (or log kind) named by the first word.
    init(_ words: [String], specFor: (String) -> EventSpec?) throws {
        // Swift turns bytes that are not UTF-8 in argv into U+FFFD; stored, they would be an
        // unreadable value no one typed (a terminal in GBK, say). Refuse them, naming the word.
        if let bad = words.firstIndex(where: { $0.unicodeScalars.contains("\u{FFFD}") }) {
            let shown = String(words[bad].prefix(40))
            throw DomainError.invalidInput("参数不是有效的 UTF-8 文字（终端编码应为 UTF-8）：\(shown)",
                                           "an argument is not valid UTF-8 text (set the terminal to UTF-8): \(shown)")
        }
        var index = 0
        var positional: [String] = []
        var parties: [JSONValue] = []
        func value(for name: String, inline: String?) throws -> String {
            if let inline { return inline }
            guard index + 1 < words.count, !words[index + 1].hasPrefix("--") else {
                throw DomainError.invalidInput("选项 --\(name) 缺少取值", "option --\(name) needs a value")
            }
            index += 1
            return words[index]
        }
        while index < words.count {
            let word = words[index]
            if word == "-h" || word == "--help" {
                help = true
            } else if word.hasPrefix("--") {
                let body = String(word.dropFirst(2))
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                switch name {
                case "no-input": noInput = true
                case "at": at = try value(for: name, inline: inline)
                case "actor": actor = try value(for: name, inline: inline)
                case "county": county = try value(for: name, inline: inline)
                case "data-dir": dataDir = try value(for: name, inline: inline)
                case "format":
                    let text = try value(for: name, inline: inline)
                    guard let parsed = OutputFormat(rawValue: text) else {
                        throw DomainError.invalidInput("--format 只能是 text 或 json", "--format must be text or json")
                    }
                    format = parsed
                case "expect-version":
                    let text = try value(for: name, inline: inline)
                    guard let version = Int(text), version >= 0 else {
                        throw DomainError.invalidInput("--expect-version 应为非负整数", "--expect-version must be a whole number ≥ 0")
                    }
                    expectVersion = version
                case "data":
                    data.merge(try JSONOutput.parseObject(try value(for: name, inline: inline), what: "--data")) { $1 }
                case "party":
                    parties.append(try Self.party(try value(for: name, inline: inline)))
                default:
                    let spec = event.flatMap(specFor)
                    let field = spec?.field(named: name)
                    if case .flag = field?.kind, inline == nil,
                       index + 1 >= words.count || words[index + 1].hasPrefix("--") {
                        data[field!.name] = .bool(true)  // `--public` alone means true
                    } else {
                        let text = try value(for: name, inline: inline)
                        data[field?.name ?? name.replacingOccurrences(of: "-", with: "_")] = Self.jsonOrText(text, kind: field?.kind)
                    }
                }
            } else {
                positional.append(word)
                if event == nil { event = word } else if caseNumber == nil { caseNumber = word } else {
                    throw DomainError.invalidInput("多余的参数：\(word)（含空格的值请加引号）",
                                                   "unexpected argument: \(word) (quote values that contain spaces)")
                }
            }
            index += 1
        }
        if !parties.isEmpty { data["parties"] = .array(parties) }
    }

    static func instant(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        // Years 1900…2100, as import and the API accept (a typo such as 9999 would open JF-9999-…).
        guard let parsed = Timestamp.parse(text), Timestamp.isRecordable(parsed) else {
            throw DomainError.invalidInput("--at 时间格式无效：\(text.prefix(40))（例：2025-03-02T09:30:00+08:00 或 2025-03-02 09:30，年份 1900–2100）",
                                           "--at is not a time: \(text.prefix(40)) (e.g. 2025-03-02T09:30:00+08:00 or 2025-03-02 09:30, years 1900–2100)")
        }
        // Refused here too (the engine checks it again), so interactive entry refuses it before asking.
        try Timestamp.checkNotFuture(parsed)
        return parsed
    }

    /// Lists arrive as JSON or as text; the domain validator splits text lists itself.
    static func jsonOrText(_ text: String, kind: FieldKind?) -> JSONValue {
        if case .parties = kind, let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
            return parsed
        }
        return .string(text)
    }

    /// `--party role=applicant,name=张三,id_number=…,phone=…` (Chinese role labels work too),
    /// or a JSON object.
    static func party(_ text: String) throws -> JSONValue {
        if text.hasPrefix("{") { return .object(try JSONOutput.parseObject(text, what: "--party")) }
        var fields: [String: JSONValue] = [:]
        for pair in text.split(whereSeparator: { $0 == "," || $0 == "，" }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw DomainError.invalidInput(
                    "--party 格式：role=申请人,name=张三[,id_number=…][,phone=…]",
                    "--party looks like role=applicant,name=Zhang San[,id_number=…][,phone=…]")
            }
            fields[parts[0].trimmingCharacters(in: .whitespaces)] = .string(parts[1].trimmingCharacters(in: .whitespaces))
        }
        return .object(fields)
    }
}
