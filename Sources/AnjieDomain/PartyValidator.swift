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
                let digits = phone.filter(\.isASCIIDigitChar)
                if (3...20).contains(digits.count), phone.allSatisfy({ $0.isASCIIDigitChar || "+- ()".contains($0) }) {
                    party["phone"] = .string(phone)
                } else {
                    problem("phone", "format", "电话号码格式无效", "is not a phone number")
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
}
