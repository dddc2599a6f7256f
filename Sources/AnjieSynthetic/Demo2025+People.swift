import AnjieDomain
import Foundation

/// Parties of the demo: invented people with valid 居民身份证号码 (GB 11643, region 450222) and
/// enterprises with valid 统一社会信用代码 (GB 32100). Names are common local surnames with
/// generic given names; no real person is meant.
extension Demo2025.Builder {
    static let surnames = Array("韦覃蓝莫黄梁潘吴罗廖谢陆刘李王张何龙银谭邓周唐杨")
    static let givenNames = Array("国华建明志强秀英丽芳玉兰海林军平春梅金凤文贵荣德福永红燕宁新桂勇")
    static let villages = ["东风", "新华", "和平", "龙美", "古城", "上雷", "里雍", "大桥", "六合", "岩村", "江口", "平原",
                           "福塘", "马鞍", "回龙", "高田", "青山", "沙塘", "石门", "长塘"]
    static let enterpriseWords = ["凤山", "龙江", "融江", "柳城", "宏达", "桂丰", "华润", "嘉禾", "金穗", "鑫源", "瑞丰",
                                  "永安", "恒信", "众诚", "东泉", "沙埔", "太平", "冲脉", "寨隆", "六塘", "新兴", "广源"]
    static let enterpriseTrades = ["糖业", "蔗糖", "建材", "食品", "木业", "机械", "电子", "饲料", "纺织", "化工", "陶瓷",
                                   "包装", "农产品加工", "水泥", "钢构", "新材料"]
    static let enterpriseForms = ["有限公司", "有限责任公司", "股份有限公司"]

    mutating func personName() -> String {
        var name = String(pick(Self.surnames)) + String(pick(Self.givenNames))
        if chance(70) { name += String(pick(Self.givenNames)) }
        return name
    }

    /// 450222 + birth date + sequence (odd: male) + ISO 7064 MOD 11-2 check character.
    mutating func idNumber(born from: Int = 1950, to: Int = 2003) -> String {
        let birth = day(Self.day(from, 1, 1), Self.day(to, 12, 31))
        let first17 = "450222" + String(format: "%04d%02d%02d%03d", birth.year, birth.month, birth.day, int(1...999))
        return first17 + String(ResidentIDNumber.checkCharacter(for: first17)!)
    }

    mutating func phone() -> String {
        pick(["138", "139", "150", "158", "177", "187", "188", "189"]) + String(format: "%08d", int(0...99_999_999))
    }

    /// A person; most carry an ID number, some a phone.
    mutating func person(_ role: String, born from: Int = 1950, to: Int = 2003, withPhone: Bool = false) -> JSONValue {
        var fields: EventData = ["role": .string(role), "kind": .string("person"), "name": .string(personName())]
        if chance(85) { fields["id_number"] = .string(idNumber(born: from, to: to)) }
        if withPhone || chance(30) { fields["phone"] = .string(phone()) }
        return .object(fields)
    }

    /// Two people on opposite sides of a dispute.
    mutating func disputants() -> JSONValue {
        .array([person("applicant", withPhone: true), person("respondent")])
    }

    /// GB 32100: registration authority 9 (market regulation), kind 1 (enterprise), region 450222,
    /// a nine-character organisation code and the check character.
    mutating func creditCode() -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let first17 = "91450222" + String((0..<9).map { _ in pick(alphabet) })
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    mutating func enterpriseName() -> String {
        "广西柳城" + pick(Self.enterpriseWords) + pick(Self.enterpriseTrades) + pick(Self.enterpriseForms)
    }

    mutating func enterprise(_ role: String) -> JSONValue {
        .object(["role": .string(role), "kind": .string("organization"), "name": .string(enterpriseName()),
                 "credit_code": .string(creditCode())])
    }

    /// A government body as a party (no credit code needed).
    func agency(_ role: String, _ name: String) -> JSONValue {
        .object(["role": .string(role), "kind": .string("organization"), "name": .string(name)])
    }

    mutating func village(in township: String) -> String {
        township + pick(Self.villages) + "村"
    }
}
