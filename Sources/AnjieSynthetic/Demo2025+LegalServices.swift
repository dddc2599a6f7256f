import AnjieDomain
import Foundation

/// Legal aid (`legal_aid`), notarisation (`notarization`), the public legal service centre's
/// receptions and the enterprise check-ups: the `legal_aid.*` and `notary.*` figures.
///
/// Legal aid entering `granted` in 2025 (290): 175 applications granted in 2025, 5 applications
/// of December 2024 granted in January 2025, 100 notifications by court, procuratorate or police,
/// and 10 granted on objection (one of them denied in 2024). Not counted: grants and
/// notifications of 2024, denials (with or without a rejected objection), withdrawals, three
/// applications of December 2025 granted in January 2026, two still undecided, one notification
/// of January 2026.
///
/// Notarisation: 155 matters accepted in 2025 (notary.matters), 135 of them booked (预约办证,
/// notary.appointments) and 53 free home visits (notary.home_visits). A home visit is usually booked,
/// so the two overlap (DOMAIN.md: `service` says where, `booked` whether by appointment): 53 home
/// visits, all fee-waived, 45 of them booked; 102 window matters, 90 of them booked.
extension Demo2025.Builder {
    static let legalAidActors = ["yz-clerk-01", "yz-clerk-02", "yz-clerk-03", "yz-clerk-04"]
    static let notaryActors = ["gz-clerk-01", "gz-clerk-02", "gz-clerk-03"]
    static let lawFirms = ["广西凤城律师事务所", "广西融江律师事务所", "广西桂中律师事务所", "广西龙城律师事务所", "柳城县法律援助中心"]

    mutating func addLegalServices() {
        addLegalAid()
        addNotarizations()
        addEnterpriseCheckups()
        let site: EventData = ["site": .string("legal_service")]
        logs(1612, .reception, from: Self.day(2025, 1, 2), to: Self.day(2025, 12, 31), by: Self.legalAidActors, site)
        logs(8, .reception, from: Self.day(2024, 12, 2), to: Self.day(2024, 12, 31), by: Self.legalAidActors, site)
        logs(6, .reception, from: Self.day(2026, 1, 5), to: Self.day(2026, 1, 16), by: Self.legalAidActors, site)
        logs(48, .deskConsultation, from: Self.day(2025, 1, 2), to: Self.day(2025, 12, 31), by: Self.legalAidActors, site)
    }

    // MARK: Legal aid

    mutating func addLegalAid() {
        var drafts: [Demo2025.CaseDraft] = []
        let endOf2025 = Self.day(2025, 12, 30)
        // 175 applications granted in 2025.
        for _ in 0..<175 {
            var draft = applyLegalAid(on: workday(Self.day(2025, 1, 3), Self.day(2025, 12, 15)))
            if chance(20) {
                draft.add("request_materials", later(draft.last, days: 0...2), by: draft.steps[0].actor,
                          ["items": .array([.string(pick(["经济困难状况说明表", "劳动关系证明材料", "户籍证明"]))])])
                draft.add("materials_supplied", later(draft.last, days: 2...5), by: draft.steps[0].actor)
            }
            grant(&draft, at: later(draft.last, days: 1...7, notAfter: endOf2025, workday: true))
            carryOut(&draft)
            drafts.append(draft)
        }
        // 5 applications of December 2024 granted in January 2025.
        for _ in 0..<5 {
            var draft = applyLegalAid(on: workday(Self.day(2024, 12, 16), Self.day(2024, 12, 27)))
            grant(&draft, at: time(on: workday(Self.day(2025, 1, 2), Self.day(2025, 1, 8))))
            carryOut(&draft)
            drafts.append(draft)
        }
        // 100 notifications.
        for _ in 0..<100 {
            var draft = notifyLegalAid(on: workday(Self.day(2025, 1, 3), Self.day(2025, 12, 29)))
            carryOut(&draft)
            drafts.append(draft)
        }
        // 10 granted on objection: 9 denied and upheld in 2025, 1 denied in 2024 and upheld in 2025.
        for index in 0..<10 {
            var draft: Demo2025.CaseDraft
            if index == 0 {
                draft = applyLegalAid(on: Self.day(2024, 12, 9))
                deny(&draft, at: at(Self.day(2024, 12, 13), 10, 0))
                draft.add("object", at(Self.day(2024, 12, 24), 9, 30), by: draft.steps[0].actor)
                draft.add("objection_upheld", at(Self.day(2025, 1, 3), 16, 0), by: draft.steps[0].actor)
            } else {
                draft = applyLegalAid(on: workday(Self.day(2025, 1, 6), Self.day(2025, 11, 28)))
                deny(&draft, at: later(draft.last, days: 3...7, workday: true))
                draft.add("object", later(draft.last, days: 1...10), by: draft.steps[0].actor)
                draft.add("objection_upheld", later(draft.last, days: 1...5, workday: true), by: draft.steps[0].actor)
            }
            carryOut(&draft)
            drafts.append(draft)
        }
        // Not counted in 2025.
        for _ in 0..<4 {
            var draft = applyLegalAid(on: workday(Self.day(2024, 10, 8), Self.day(2024, 12, 6)))
            grant(&draft, at: later(draft.last, days: 1...7, workday: true))
            carryOut(&draft)
            drafts.append(draft)
        }
        for _ in 0..<3 {
            var draft = notifyLegalAid(on: workday(Self.day(2024, 10, 8), Self.day(2024, 12, 20)))
            carryOut(&draft)
            drafts.append(draft)
        }
        for index in 0..<9 {
            var draft = applyLegalAid(on: workday(Self.day(2025, 1, 6), Self.day(2025, 11, 28)))
            deny(&draft, at: later(draft.last, days: 3...7, workday: true))
            if index >= 6 {
                draft.add("object", later(draft.last, days: 1...10), by: draft.steps[0].actor)
                draft.add("objection_rejected", later(draft.last, days: 1...5, workday: true), by: draft.steps[0].actor)
            }
            drafts.append(draft)
        }
        for _ in 0..<4 {
            var draft = applyLegalAid(on: workday(Self.day(2025, 1, 6), Self.day(2025, 12, 10)))
            draft.add("withdraw", later(draft.last, days: 1...5), by: draft.steps[0].actor)
            drafts.append(draft)
        }
        for _ in 0..<3 {
            var draft = applyLegalAid(on: workday(Self.day(2025, 12, 22), Self.day(2025, 12, 30)))
            grant(&draft, at: time(on: workday(Self.day(2026, 1, 5), Self.day(2026, 1, 9))))
            drafts.append(draft)
        }
        do {
            drafts.append(applyLegalAid(on: Self.day(2025, 12, 30)))
            var waiting = applyLegalAid(on: Self.day(2025, 12, 26))
            waiting.add("request_materials", at(Self.day(2025, 12, 29), 10, 0), by: waiting.steps[0].actor,
                        ["items": .array([.string("经济困难状况说明表")])])
            drafts.append(waiting)
            drafts.append(notifyLegalAid(on: Self.day(2026, 1, 7)))
        }
        emit(drafts)
    }

    static let civilMatters = ["追索劳动报酬", "追索劳动报酬", "工伤赔偿", "交通事故人身损害赔偿", "离婚纠纷", "赡养费纠纷",
                               "抚养费纠纷", "医疗损害赔偿", "人身损害赔偿"]

    mutating func applyLegalAid(on date: LocalDate) -> Demo2025.CaseDraft {
        let caseType = pick(["civil", "civil", "civil", "civil", "civil", "civil", "civil", "administrative", "criminal", "state_compensation"])
        let matter: String
        switch caseType {
        case "civil": matter = pick(Self.civilMatters)
        case "administrative": matter = pick(["工伤认定行政诉讼", "征收补偿行政诉讼"])
        case "criminal": matter = "刑事案件被害人代理"
        default: matter = "刑事赔偿申请"
        }
        var population = [String]()
        if matter == "追索劳动报酬" { population.append("migrant_worker") }
        if chance(20) { population.append(pick(["elderly", "women", "disabled", "veteran", "minor"])) }
        let applicant = population.contains("minor")
            ? person("applicant", born: 2009, to: 2012)
            : person("applicant", born: population.contains("elderly") ? 1935 : 1955, to: population.contains("elderly") ? 1960 : 2003,
                     withPhone: true)
        var data: EventData = [
            "case_type": .string(caseType), "matter": .string(matter), "parties": .array([applicant]),
            "township": .string(pick(townships)),
        ]
        if !population.isEmpty { data["population"] = .array(population.map(JSONValue.string)) }
        var draft = Demo2025.CaseDraft(.legalAid)
        draft.add("apply", time(on: date), by: pick(Self.legalAidActors), data)
        return draft
    }

    mutating func notifyLegalAid(on date: LocalDate) -> Demo2025.CaseDraft {
        let by = pick(["court", "court", "procuratorate", "police"])
        let data: EventData = [
            "by": .string(by), "case_type": .string("criminal"),
            "matter": .string(pick(["刑事辩护（未成年人）", "刑事辩护（可能判处无期徒刑以上刑罚）", "刑事辩护（视力残疾人）",
                                    "刑事辩护（适用普通程序审理）", "刑事辩护（认罪认罚）"])),
            "parties": .array([person("party", born: 1960, to: 2008)]), "township": .string(pick(townships)),
        ]
        var draft = Demo2025.CaseDraft(.legalAid)
        draft.add("notify", time(on: date), by: pick(Self.legalAidActors), data)
        return draft
    }

    mutating func grant(_ draft: inout Demo2025.CaseDraft, at: Date) {
        draft.add("grant", at, by: draft.steps[0].actor, ["means_test": .string(chance(70) ? "passed" : "exempt")])
    }

    mutating func deny(_ draft: inout Demo2025.CaseDraft, at: Date) {
        draft.add("deny", at, by: draft.steps[0].actor, ["reason": .string(pick(["不符合经济困难标准", "申请事项不属于法律援助范围"]))])
    }

    /// Assign a provider within three days; most cases then close and are archived, a few end early.
    mutating func carryOut(_ draft: inout Demo2025.CaseDraft) {
        let actor = draft.steps[0].actor
        draft.add("assign", later(draft.last, days: 0...3, workday: true), by: actor, ["provider": .string("\(pick(Self.lawFirms)) \(personName())")])
        if chance(5) {
            draft.add("change_provider", later(draft.last, days: 5...30), by: actor,
                      ["provider": .string("\(pick(Self.lawFirms)) \(personName())"), "reason": .string("承办人工作调动")])
        }
        let ended = later(draft.last, days: 30...200)
        guard ended < Self.day(2026, 6, 30).startInstant else { return }
        if chance(8) {
            draft.add("terminate", ended, by: actor, ["ground": .string(pick(["受援人自行委托律师", "受援人不再符合经济困难条件"]))])
        } else {
            draft.add("close", ended, by: actor, ["result": .string(pick(["调解结案", "判决胜诉", "达成和解", "判决部分支持", "依法辩护，法院采纳部分意见"]))])
            if chance(85) { draft.add("archive", later(ended, days: 3...28), by: actor) }
        }
    }

    // MARK: Notarisation (155 accepted in 2025: 135 booked; 53 free home visits, 45 of them booked)

    mutating func addNotarizations() {
        var drafts: [Demo2025.CaseDraft] = []
        let cohort: [(String, Bool)] = deck([(("home_visit", true), 45), (("home_visit", false), 8),
                                              (("window", true), 90), (("window", false), 12)])
        for (service, booked) in cohort {
            let home = service == "home_visit"
            var draft = applyNotarization(on: workday(Self.day(2025, 1, 3), Self.day(2025, 12, 18)), service: service,
                                          booked: booked, feeWaived: home)
            draft.add("accept", later(draft.last, days: home ? 0...0 : 0...3, notAfter: Self.day(2025, 12, 30), workday: true), by: draft.steps[0].actor)
            let roll = int(0...99)
            if roll < 90 {
                draft.add("issue", later(draft.last, days: 1...15, workday: true), by: draft.steps[0].actor,
                          ["certificate_no": .string("（2025）桂柳城证字第\(drafts.count + 101)号")])
            } else if roll < 95 {
                draft.add("refuse", later(draft.last, days: 2...10), by: draft.steps[0].actor, ["reason": .string("申请公证事项不真实")])
            } else {
                draft.add("terminate", later(draft.last, days: 2...10), by: draft.steps[0].actor, ["reason": .string("当事人撤回公证申请")])
            }
            drafts.append(draft)
        }
        // Not counted: accepted in 2024, accepted in January 2026, never accepted.
        for (service, booked) in [("window", false), ("window", true), ("home_visit", true), ("window", false), ("window", true)] {
            var draft = applyNotarization(on: workday(Self.day(2024, 11, 4), Self.day(2024, 12, 20)), service: service,
                                          booked: booked, feeWaived: service == "home_visit")
            draft.add("accept", later(draft.last, days: 0...2, workday: true), by: draft.steps[0].actor)
            draft.add("issue", later(draft.last, days: 3...10, workday: true), by: draft.steps[0].actor)
            drafts.append(draft)
        }
        for _ in 0..<3 {
            var draft = applyNotarization(on: workday(Self.day(2025, 12, 22), Self.day(2025, 12, 30)), service: "window",
                                          booked: true, feeWaived: false)
            draft.add("accept", time(on: workday(Self.day(2026, 1, 5), Self.day(2026, 1, 9))), by: draft.steps[0].actor)
            drafts.append(draft)
        }
        for (service, booked, feeWaived, event) in [("window", false, false, "refuse"), ("window", false, false, "refuse"),
                                                    ("window", false, false, "terminate"), ("home_visit", true, true, "refuse"),
                                                    ("home_visit", true, true, "terminate"), ("window", true, false, "terminate")] {
            var draft = applyNotarization(on: workday(Self.day(2025, 2, 3), Self.day(2025, 11, 28)), service: service,
                                          booked: booked, feeWaived: feeWaived)
            draft.add(event, later(draft.last, days: 1...5), by: draft.steps[0].actor,
                      ["reason": .string(event == "refuse" ? "不属于本公证机构执业区域" : "当事人撤回公证申请")])
            drafts.append(draft)
        }
        emit(drafts)
    }

    mutating func applyNotarization(on date: LocalDate, service: String, booked: Bool, feeWaived: Bool) -> Demo2025.CaseDraft {
        let matter = service == "home_visit"
            ? pick(["遗嘱公证", "委托书公证", "声明书公证", "生存状况公证"])
            : pick(["继承权公证", "委托书公证", "声明书公证", "学历证书公证", "出生医学证明公证", "亲属关系公证", "赠与合同公证",
                    "保全证据公证", "房屋买卖合同公证", "遗嘱公证"])
        let applicant = service == "home_visit" ? person("applicant", born: 1930, to: 1955, withPhone: true) : person("applicant", withPhone: true)
        let data: EventData = [
            "matter": .string(matter), "service": .string(service), "booked": .bool(booked), "fee_waived": .bool(feeWaived),
            "township": .string(pick(townships)), "parties": .array([applicant]),
        ]
        var draft = Demo2025.CaseDraft(.notarization)
        draft.add("apply", time(on: date), by: pick(Self.notaryActors), data)
        return draft
    }

    // MARK: Enterprise check-ups (92 distinct credit codes in 2025)

    mutating func addEnterpriseCheckups() {
        var codes: [String] = [], names: [String] = []
        while codes.count < 96 {
            let code = creditCode(), name = enterpriseName()
            if codes.contains(code) || names.contains(name) { continue }
            codes.append(code)
            names.append(name)
        }
        let actors = ["sfj-clerk-01", "sfj-clerk-02"]
        func record(_ index: Int) -> EventData {
            ["enterprise": .string(names[index]), "credit_code": .string(codes[index])]
        }
        // 92 enterprises in 2025, 12 of them visited twice.
        for index in 0..<92 {
            log(.enterpriseCheckup, time(on: workday(Self.day(2025, 3, 3), Self.day(2025, 11, 28))), by: pick(actors), record(index))
        }
        for _ in 0..<12 {
            log(.enterpriseCheckup, time(on: workday(Self.day(2025, 4, 1), Self.day(2025, 12, 26))), by: pick(actors), record(int(0...91)))
        }
        // 2024: two enterprises not seen in 2025 and one that was; January 2026: two new ones.
        for index in [92, 93, 0] {
            log(.enterpriseCheckup, time(on: workday(Self.day(2024, 11, 4), Self.day(2024, 12, 20))), by: pick(actors), record(index))
        }
        for index in [94, 95] {
            log(.enterpriseCheckup, time(on: workday(Self.day(2026, 1, 5), Self.day(2026, 1, 16))), by: pick(actors), record(index))
        }
    }
}
