/// Parties: role, kind, name and optional identity numbers, each checked by its own standard.
enum PartyValidator {
    static let keys = ["role", "kind", "name", "id_number", "credit_code", "phone"]

    static func normalize(_ raw: JSONValue, path: String, on date: LocalDate) -> Result<JSONValue, FieldValidator.Problems> {
        let list: [JSONValue]
        switch raw {
        case .array(let values): list = values
        case .object: list = [raw]
        default:
            return .failure(.init(problems: [FieldProblem(field: path, rule: "type", zh: "当事人应为列表",
                                                          en: "must be a list of parties")]))
        }
        var problems: [FieldProblem] = []
        var parties: [JSONValue] = []
        for (index, item) in list.enumerated() {
            let prefix = "\(path)[\(index)]"
            guard case .object(let fields) = item else {
                problems.append(FieldProblem(field: prefix, rule: "type", zh: "当事人应为对象", en: "a party must be an object"))
                continue
            }
            var party: EventData = [:]
            func problem(_ key: String, _ rule: String, _ zh: String, _ en: String) {
                problems.append(FieldProblem(field: "\(prefix).\(key)", rule: rule, zh: zh, en: en))
            }
            for key in fields.keys.sorted() where !keys.contains(key) {
                problem(key, "unknown-field", "当事人没有此字段；可用：\(keys.joined(separator: ", "))",
                        "a party has no such field; fields: \(keys.joined(separator: ", "))")
            }
            let text = { (key: String) -> String? in fields[key].flatMap(FieldValidator.scalarText).flatMap { $0.isEmpty ? nil : $0 } }
            if let role = text("role") {
                if let choice = Vocabulary.partyRole.match(role) { party["role"] = .string(choice.id) }
                else { problem("role", "enum", "取值无效；可选：\(Vocabulary.partyRole.listing)", "is not one of: \(Vocabulary.partyRole.listing)") }
            } else {
                problem("role", "required", "必填（角色）", "is required")
            }
            if let name = text("name"), let checked = FieldValidator.checkText(name), checked.count <= 200 {
                party["name"] = .string(checked)
            } else {
                problem("name", "required", "必填（姓名或名称，最多200字）", "is required (at most 200 characters)")
            }
            if let id = text("id_number") {
                switch ResidentIDNumber.check(id) {
                case .success(let birth):
                    if birth > date {
                        problem("id_number", "birth-date", "出生日期晚于事件日期", "the birth date is after the event's date")
                    } else {
                        party["id_number"] = .string(id.uppercased())
                    }
                case .failure(let p): problem("id_number", p.rule, p.zh, p.en)
                }
            }
            if let code = text("credit_code") {
                if let p = CreditCode.check(code) { problem("credit_code", p.rule, p.zh, p.en) }
                else { party["credit_code"] = .string(code.uppercased()) }
            }
            if let phone = text("phone") {
                if isPhoneNumber(phone) {
                    party["phone"] = .string(phone)
                } else {
                    problem("phone", "format", "电话号码格式无效：应为手机号（11位，1开头）或带区号的固定电话（如 0771-5550123）",
                            "is not a phone number: a mobile (11 digits starting with 1) or a fixed line with its area code (e.g. 0771-5550123)")
                }
            }
            let defaultKind = party["credit_code"] != nil ? "organization" : "person"
            if let kind = text("kind") {
                if let choice = Vocabulary.partyKind.match(kind) { party["kind"] = .string(choice.id) }
                else { problem("kind", "enum", "取值无效；可选：\(Vocabulary.partyKind.listing)", "is not one of: \(Vocabulary.partyKind.listing)") }
            } else {
                party["kind"] = .string(defaultKind)
            }
            parties.append(.object(party))
        }
        guard problems.isEmpty else { return .failure(.init(problems: problems)) }
        return .success(.array(parties))
    }

    /// A mainland mobile (1[3-9] and 9 more digits) or a fixed line with its area code (0, a 2–3
    /// digit area code, 7–8 digits), with spaces, hyphens or brackets between, and an optional
    /// +86 before a mobile. `1387700` (a number missing digits) is refused.
    static func isPhoneNumber(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isASCIIDigitChar || " -()+".contains($0) }) else { return false }
        var digits = Array(text.filter(\.isASCIIDigitChar))
        if text.trimmingWhitespace().hasPrefix("+") {
            guard digits.starts(with: ["8", "6"]) else { return false }
            digits.removeFirst(2)
            return digits.count == 11 && digits[0] == "1" && ("3"..."9").contains(digits[1])
        }
        guard text.filter({ $0 == "+" }).isEmpty else { return false }
        if digits.count == 11, digits[0] == "1" { return ("3"..."9").contains(digits[1]) }
        return digits.first == "0" && (10...12).contains(digits.count)
    }
}
