import Foundation

/// Checks event data against an event's field specs and normalises it: Chinese labels become ids,
/// dates become ISO dates, amounts numbers. Every problem is collected, so a clerk sees them all at once.
public enum FieldValidator {
    static let maxTextLength = 4000

    public static func normalize(_ data: EventData, spec: EventSpec, on date: LocalDate) throws -> EventData {
        var problems: [FieldProblem] = []
        var output: EventData = [:]
        for key in data.keys.sorted() where spec.field(named: key) == nil {
            problems.append(FieldProblem(
                field: key, rule: "unknown-field",
                zh: "事件 \(spec.name) 没有此字段；可用字段：\(spec.fields.map(\.name).joined(separator: ", "))",
                en: "event \(spec.name) has no such field; fields: \(spec.fields.map(\.name).joined(separator: ", "))"))
        }
        for field in spec.fields {
            let raw = value(of: field, in: data)
            guard let raw, !isBlank(raw) else {
                if field.required {
                    problems.append(FieldProblem(field: field.name, rule: "required",
                                                 zh: "必填（\(field.zh)）", en: "is required"))
                }
                continue
            }
            switch normalize(raw, kind: field.kind, path: field.name, on: date) {
            case .success(let value): output[field.name] = value
            case .failure(let found): problems.append(contentsOf: found.problems)
            }
        }
        guard problems.isEmpty else { throw DomainError.invalidData(problems) }
        return output
    }

    struct Problems: Error { var problems: [FieldProblem] }

    /// A field's value under its name, its Chinese label or its dashed spelling.
    public static func value(of field: FieldSpec, in data: EventData) -> JSONValue? {
        data[field.name] ?? data[field.zh] ?? data[field.dashedName]
    }

    /// Absent for the rules: null, blank text or an empty list (the interactive prompt asks the same).
    public static func isBlank(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .string(let s): return s.trimmingWhitespace().isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }

    static func normalize(_ raw: JSONValue, kind: FieldKind, path: String, on date: LocalDate) -> Result<JSONValue, Problems> {
        func fail(_ rule: String, _ zh: String, _ en: String) -> Result<JSONValue, Problems> {
            .failure(Problems(problems: [FieldProblem(field: path, rule: rule, zh: zh, en: en)]))
        }
        switch kind {
        case .text, .agency:
            guard let text = scalarText(raw) else { return fail("type", "应为文字", "must be text") }
            return checkText(text).map { .success(.string($0)) } ?? fail(
                "text", "文字过长或含控制字符（最多\(maxTextLength)字）",
                "text is longer than \(maxTextLength) characters or has control characters")
        case .choice(let choices):
            guard let text = scalarText(raw), let choice = choices.match(text) else {
                return fail("enum", "取值无效；可选：\(choices.listing)", "is not one of: \(choices.listing)")
            }
            return .success(.string(choice.id))
        case .choiceList(let choices):
            let items = listItems(raw)
            var ids: [JSONValue] = []
            for item in items {
                guard let choice = choices.match(item) else {
                    return fail("enum", "取值 \(item) 无效；可选：\(choices.listing)", "\(item) is not one of: \(choices.listing)")
                }
                if !ids.contains(.string(choice.id)) { ids.append(.string(choice.id)) }
            }
            return .success(.array(ids))
        case .date:
            guard let text = scalarText(raw), let parsed = LocalDate.parse(text), YearBounds.recordable.contains(parsed.year) else {
                return fail("date", "日期无效（例：2025-03-02）", "is not a date like 2025-03-02 (years 1900–2100)")
            }
            return .success(.string(parsed.description))
        case .amount:
            guard let value = number(raw), value.isFinite else {
                return fail("number", "应为金额数字（元）", "must be an amount in yuan")
            }
            guard value >= 0 else { return fail("non-negative", "金额不能为负", "must not be negative") }
            guard value < 1e13 else { return fail("range", "金额过大", "is too large") }
            return .success(.number((value * 100).rounded() / 100))
        case .count:
            guard let value = number(raw), value.isFinite, value.rounded() == value else {
                return fail("integer", "应为整数", "must be a whole number")
            }
            guard value >= 0, value < 1e9 else { return fail("range", "应为0至10亿之间的整数", "must be between 0 and 10^9") }
            return .success(.number(value))
        case .flag:
            if case .bool(let b) = raw { return .success(.bool(b)) }
            switch scalarText(raw)?.lowercased() {
            case "true", "yes", "y", "1", "是", "公开": return .success(.bool(true))
            case "false", "no", "n", "0", "否", "不公开": return .success(.bool(false))
            default: return fail("boolean", "应为 是/否", "must be true or false")
            }
        case .textList:
            let items = listItems(raw)
            guard items.allSatisfy({ checkText($0) != nil }) else {
                return fail("text", "文字过长或含控制字符", "an item is too long or has control characters")
            }
            return .success(.array(items.map(JSONValue.string)))
        case .parties:
            return PartyValidator.normalize(raw, path: path, on: date)
        case .link:
            guard let text = scalarText(raw), let link = CaseLink(text) else {
                let known = Workflows.ordered.map(\.id.rawValue).joined(separator: ", ")
                return fail("link", "应为「流程:案件编号」，如 enforcement_case:ZF-2025-0042（流程：\(known)）",
                            "must be workflow:case, e.g. enforcement_case:ZF-2025-0042 (workflows: \(known))")
            }
            return .success(.string(link.description))
        case .creditCode:
            guard let text = scalarText(raw) else { return fail("type", "应为文字", "must be text") }
            if let problem = CreditCode.check(text) { return fail(problem.rule, problem.zh, problem.en) }
            return .success(.string(text.uppercased()))
        }
    }

    static func scalarText(_ raw: JSONValue) -> String? {
        switch raw {
        case .string(let s): return s.trimmingWhitespace()
        case .number: return raw.display
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public static func listItems(_ raw: JSONValue) -> [String] {
        switch raw {
        case .array(let values): return values.compactMap(scalarText).filter { !$0.isEmpty }
        default:
            return (scalarText(raw) ?? "").split(whereSeparator: { ",，、;；".contains($0) })
                .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        }
    }

    /// Numbers may arrive as JSON numbers or as typed text: "12000", "12,000", "12000元", "1.2万".
    static func number(_ raw: JSONValue) -> Double? {
        if case .number(let n) = raw { return n }
        guard var text = scalarText(raw) else { return nil }
        text = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if text.hasSuffix("元") { text.removeLast() }
        var scale = 1.0
        if text.hasSuffix("万") { text.removeLast(); scale = 10_000 }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCIIDigitChar || $0 == "." || $0 == "-" }),
              let value = Double(text) else { return nil }
        return value * scale
    }

    static func checkText(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count <= maxTextLength,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" })
        else { return nil }
        return trimmed
    }
}
