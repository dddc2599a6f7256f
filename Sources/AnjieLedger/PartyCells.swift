import AnjieDomain

/// The 当事人, 身份证号 and 联系电话 cells: several values in one cell, in the same order.
///
/// `张三、李四` with `11010519491231002X、` gives 张三 that ID number and 李四 none. A name may
/// carry its role (`申请人：张三`); without one the role is 当事人. An 18-character code that passes
/// GB 32100 and not GB 11643 is a unified social credit code, which makes the party an organisation.
enum PartyCells {
    struct Message: Error {
        let zh: String
        let en: String
    }

    static let separators: Set<Character> = ["、", ",", "，", ";", "；", "/", "\n"]
    /// What clerks write for "none" in an aligned list.
    static let blanks: Set<String> = ["", "-", "—", "无", "/"]

    static func parse(names: String, ids: String, phones: String) -> Result<[JSONValue], Message> {
        let nameItems = split(names).filter { !blanks.contains($0) }
        guard !nameItems.isEmpty else {
            return .failure(Message(zh: "当事人：必填", en: "当事人 (parties): is required"))
        }
        let idItems = split(ids), phoneItems = split(phones)
        guard idItems.count <= nameItems.count, phoneItems.count <= nameItems.count else {
            return .failure(Message(
                zh: "身份证号或联系电话的个数（\(max(idItems.count, phoneItems.count))）多于当事人（\(nameItems.count)），无法对应",
                en: "more ID numbers or phones (\(max(idItems.count, phoneItems.count))) than parties (\(nameItems.count)): cannot pair them"))
        }
        var parties: [JSONValue] = []
        for (index, item) in nameItems.enumerated() {
            var party: [String: JSONValue] = ["role": .string("party")]
            let (role, name) = roleAndName(item)
            if let role { party["role"] = .string(role) }
            party["name"] = .string(name)
            if index < idItems.count, !blanks.contains(idItems[index]) {
                let code = idItems[index].uppercased()
                let isPersonID = (try? ResidentIDNumber.check(code).get()) != nil
                party[!isPersonID && CreditCode.check(code) == nil ? "credit_code" : "id_number"] = .string(code)
            }
            if index < phoneItems.count, !blanks.contains(phoneItems[index]) {
                party["phone"] = .string(phoneItems[index])
            }
            parties.append(.object(party))
        }
        return .success(parties)
    }

    /// Keeps empty items: `11010519491231002X、、130…` is three positions.
    static func split(_ cell: String) -> [String] {
        guard !cell.isEmpty else { return [] }
        var items = cell.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        while items.last == "" { items.removeLast() }
        return items
    }

    /// `申请人：张三` → (申请人, 张三); a prefix that is not a role stays part of the name.
    static func roleAndName(_ item: String) -> (String?, String) {
        guard let colon = item.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return (nil, item) }
        let prefix = String(item[..<colon]).trimmingCharacters(in: .whitespaces)
        guard Vocabulary.partyRole.match(prefix) != nil else { return (nil, item) }
        return (prefix, String(item[item.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
}
