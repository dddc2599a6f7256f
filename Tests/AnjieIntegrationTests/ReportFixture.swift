import AnjieDomain
import Foundation

/// A small hand-built county whose 2025 figures were worked out by hand (see ReportTests).
/// Every case sits near a rule the indicators must get right: opened last year, ended next year,
/// reopened, escalated after year end, events at 23:30 on 31 December Beijing time.
struct ReportFixture {
    var lines: [String] = []
    let county: String

    init(county: String = "450222") {
        self.county = county
    }

    static let person: JSONValue = .array([.object(["role": .string("applicant"), "name": .string("张三")])])

    mutating func event(_ workflow: String, _ number: String, _ event: String, _ at: String, _ data: [String: JSONValue] = [:]) {
        let at = at.contains("T") ? at : at + "T10:00:00+08:00"
        var object: [String: JSONValue] = ["county": .string(county), "workflow": .string(workflow), "case": .string(number),
                                           "event": .string(event), "at": .string(at), "actor": .string("fixture")]
        object["data"] = .object(data)
        lines.append(Self.json(.object(object)))
    }

    mutating func log(_ kind: String, _ id: String, _ at: String, _ data: [String: JSONValue]) {
        let at = at.contains("T") ? at : at + "T10:00:00+08:00"
        lines.append(Self.json(.object(["county": .string(county), "log": .string(kind), "id": .string(id), "at": .string(at),
                                        "data": .object(data)])))
    }

    static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    mutating func mediation(_ number: String, _ at: String, township: String = "大埔镇", kind: String = "township",
                            amount: Double? = nil, big3: String? = nil, nature: String? = nil) {
        var data: [String: JSONValue] = [
            "organization": .string("调委会"), "organization_kind": .string(kind), "source": .string("application"),
            "category": .string("neighbour"), "township": .string(township), "parties": Self.person,
        ]
        if let amount { data["amount"] = .number(amount) }
        if let big3 { data["big3"] = .string(big3); data["big3_nature"] = .string(nature!) }
        event("mediation", number, "accept", at, data)
    }

    mutating func dispute(_ number: String, _ at: String, channel: String) {
        event("dispute", number, "register", at, ["channel": .string(channel), "category": .string("neighbour"),
                                                   "township": .string("大埔镇"), "summary": .string("纠纷"), "parties": Self.person])
    }

    mutating func routeDispute(_ number: String, _ day: String) {
        event("dispute", number, "skip_mediation", day, ["reason": .string("不适宜调解")])
        event("dispute", number, "assess", day, ["risk": .string("low"), "complexity": .string("simple"), "basis": .string("b")])
        event("dispute", number, "route", day, ["unit": .string("u"), "legal_channel": .string("c"), "due": .string("2025-12-31")])
    }

    mutating func review(_ number: String, _ at: String) {
        event("review", number, "receive", at, ["respondent": .string("县某局"), "act": .string("处罚"), "act_date": .string("2024-10-01"),
                                                "known_date": .string("2024-10-02"), "channel": .string("window"), "parties": Self.person])
    }

    static func build() -> ReportFixture {
        var f = ReportFixture()
        // People's mediation.
        f.mediation("M1", "2024-12-20", amount: 20_000)
        f.event("mediation", "M1", "agree", "2025-01-05", ["form": .string("written")])
        f.event("mediation", "M1", "apply_confirmation", "2025-01-10", ["court": .string("柳城县人民法院")])
        f.event("mediation", "M1", "confirmation_granted", "2025-01-20", ["ruling_no": .string("(2025)桂0222民特1号")])
        f.mediation("M2", "2025-03-01", township: "龙头镇")
        f.event("mediation", "M2", "fail", "2025-03-10", ["reason": .string("分歧大")])
        f.mediation("M3", "2025-12-20")
        f.event("mediation", "M3", "agree", "2026-01-02", ["form": .string("oral")])
        f.mediation("M4", "2025-02-01", kind: "labor")
        f.event("mediation", "M4", "agree", "2025-02-10", ["form": .string("written")])
        f.mediation("M5", "2025-02-01", kind: "labor")
        f.event("mediation", "M5", "terminate", "2025-02-15", ["reason": .string("撤回")])
        f.mediation("M6", "2025-04-01", amount: 150_000)
        f.event("mediation", "M6", "agree", "2025-04-05", ["form": .string("written")])
        f.event("mediation", "M6", "apply_confirmation", "2025-04-10", ["court": .string("法院")])
        f.event("mediation", "M6", "confirmation_granted", "2025-12-31T23:30:00+08:00", ["ruling_no": .string("2")])
        f.mediation("M7", "2025-05-01", amount: 1_000_000)
        f.event("mediation", "M7", "agree", "2025-05-02", ["form": .string("written")])
        f.event("mediation", "M7", "apply_confirmation", "2025-05-03", ["court": .string("法院")])
        f.event("mediation", "M7", "confirmation_granted", "2026-01-01T00:30:00+08:00", ["ruling_no": .string("3")])
        // Big-3 disputes.
        f.mediation("B1", "2024-06-01", big3: "land", nature: "ownership")
        f.event("mediation", "B1", "rule", "2025-03-01", ["authority": .string("县人民政府")])
        f.mediation("B2", "2024-07-01", big3: "forest", nature: "contract")
        f.event("mediation", "B2", "agree", "2024-12-01", ["form": .string("written")])
        f.mediation("B3", "2024-08-01", big3: "water", nature: "adjacency")
        f.mediation("B4", "2025-02-01", big3: "land", nature: "contract")
        f.event("mediation", "B4", "agree", "2025-02-20", ["form": .string("written")])
        f.mediation("B5", "2025-03-01", big3: "forest", nature: "ownership")
        f.event("mediation", "B5", "escalation", "2025-06-01", ["kind": .string("group_petition")])
        f.mediation("B6", "2025-11-01", big3: "water", nature: "contract")
        f.event("mediation", "B6", "escalation", "2026-01-05", ["kind": .string("armed_fight")])
        f.event("mediation", "B6", "agree", "2026-01-10", ["form": .string("oral")])
        // The centre's disputes and matters.
        f.dispute("D1", "2025-01-10", channel: "police_push")
        f.event("dispute", "D1", "start_mediation", "2025-01-11", ["mediator": .string("王")])
        f.event("dispute", "D1", "mediation_succeeded", "2025-01-12", ["agreement": .string("oral")])
        f.dispute("D2", "2025-02-01", channel: "walk_in")
        f.routeDispute("D2", "2025-02-03")
        f.event("dispute", "D2", "follow_up", "2025-02-07", ["tier": .string("unit"), "kind": .string("weekly_review")])
        f.event("dispute", "D2", "follow_up", "2025-02-14", ["tier": .string("township"), "kind": .string("weekly_review")])
        f.event("dispute", "D2", "follow_up", "2025-02-20", ["tier": .string("township"), "kind": .string("monthly_visit")])
        f.event("dispute", "D2", "follow_up", "2025-02-21", ["tier": .string("grid"), "kind": .string("weekly_review")])
        f.event("dispute", "D2", "follow_up", "2025-02-28", ["tier": .string("unit"), "kind": .string("weekly_review")])
        f.event("dispute", "D2", "resolve", "2025-03-01", ["basis": .string("和解")])
        f.event("dispute", "D2", "reopen", "2025-06-01", ["reason": .string("回访发现反弹")])
        f.dispute("D3", "2025-03-01", channel: "police_push")
        f.event("dispute", "D3", "close", "2025-03-05", ["outcome": .string("withdrawn")])
        f.dispute("D4", "2024-12-30", channel: "police_push")
        f.event("dispute", "D4", "start_mediation", "2024-12-31", ["mediator": .string("王")])
        f.event("dispute", "D4", "mediation_succeeded", "2025-01-02", ["agreement": .string("oral")])
        f.dispute("D5", "2025-12-31T20:00:00+08:00", channel: "walk_in")
        f.dispute("D6", "2025-05-01", channel: "hotline_12345")
        f.routeDispute("D6", "2025-05-02")
        f.event("dispute", "D6", "resolve", "2026-01-03", ["basis": .string("办结")])
        f.event("matter", "X1", "register", "2025-04-01", ["kind": .string("legal_consultation")])
        f.event("matter", "X2", "register", "2025-04-02", ["kind": .string("assistance")])
        f.event("matter", "X3", "register", "2024-05-01", ["kind": .string("legal_consultation")])
        // Administrative review and its mediation centre.
        f.review("R1", "2024-11-01")
        f.event("review", "R1", "accept", "2024-11-03", ["procedure": .string("ordinary")])
        f.event("review", "R1", "decide", "2025-01-15", ["outcome": .string("revoke")])
        f.review("R2", "2025-02-01")
        f.event("review", "R2", "accept", "2025-02-03", ["procedure": .string("ordinary")])
        f.event("review", "R2", "hearing", "2025-03-01", ["date": .string("2025-03-01"), "public": .bool(true)])
        f.event("review", "R2", "hearing", "2025-03-05", ["date": .string("2025-03-05"), "public": .bool(false)])
        f.event("review", "R2", "decide", "2025-04-01", ["outcome": .string("uphold")])
        f.review("R3", "2025-03-01")
        f.event("review", "R3", "reject", "2025-03-03", ["reason": .string("超过申请期限")])
        f.review("R4", "2025-06-01")
        f.event("review", "R4", "accept", "2025-06-03", ["procedure": .string("simplified")])
        f.event("review", "R4", "terminate", "2025-07-01", ["reason": .string("withdrawn")])
        f.review("R5", "2025-12-01")
        f.event("review", "R5", "accept", "2025-12-03", ["procedure": .string("ordinary")])
        f.event("review", "R5", "decide", "2026-01-10", ["outcome": .string("change")])
        f.event("admin_mediation", "A1", "accept", "2025-01-05", ["stage": .string("in_review"), "review_case": .string("R2")])
        f.event("admin_mediation", "A1", "agree", "2025-02-01")
        f.event("admin_mediation", "A2", "accept", "2025-03-01", ["stage": .string("pre_litigation")])
        f.event("admin_mediation", "A3", "accept", "2025-04-01", ["stage": .string("pre_litigation")])
        f.event("admin_mediation", "A3", "fail", "2025-05-01", ["reason": .string("分歧大")])
        f.event("admin_mediation", "A4", "accept", "2024-10-01", ["stage": .string("in_review"), "review_case": .string("R0")])
        f.event("admin_mediation", "A4", "agree", "2025-01-10")
        // Legal aid and notarisation.
        let aid: [String: JSONValue] = ["case_type": .string("civil"), "matter": .string("追索劳动报酬"), "parties": Self.person]
        f.event("legal_aid", "L1", "apply", "2025-01-05", aid)
        f.event("legal_aid", "L1", "grant", "2025-01-08", ["means_test": .string("passed")])
        f.event("legal_aid", "L2", "notify", "2025-02-01", aid.merging(["by": .string("court")]) { $1 })
        f.event("legal_aid", "L3", "apply", "2025-03-01", aid)
        f.event("legal_aid", "L3", "deny", "2025-03-05", ["reason": .string("不符合经济困难标准")])
        f.event("legal_aid", "L3", "object", "2025-03-06")
        f.event("legal_aid", "L3", "objection_upheld", "2025-03-20")
        f.event("legal_aid", "L4", "apply", "2024-12-28", aid)
        f.event("legal_aid", "L4", "grant", "2025-01-02", ["means_test": .string("exempt")])
        f.event("legal_aid", "L5", "apply", "2025-12-30", aid)
        f.event("legal_aid", "L5", "grant", "2026-01-04", ["means_test": .string("passed")])
        for (number, day, service, waived) in [("N1", "2025-01-01", "window", false), ("N2", "2025-02-01", "appointment", false),
                                                ("N3", "2025-03-01", "home_visit", true), ("N4", "2025-04-01", "home_visit", false),
                                                ("N5", "2024-12-30", "appointment", false), ("N6", "2025-12-30", "appointment", false)] {
            f.event("notarization", number, "apply", day, ["matter": .string("继承"), "service": .string(service), "fee_waived": .bool(waived)])
        }
        for (number, day) in [("N1", "2025-01-02"), ("N2", "2025-02-02"), ("N3", "2025-03-02"), ("N4", "2025-04-02"),
                              ("N5", "2025-01-03"), ("N6", "2026-01-02")] {
            f.event("notarization", number, "accept", day)
        }
        // Log records, including ones a minute either side of the year's end.
        f.log("reception", "V1", "2025-03-01", ["site": .string("center")])
        f.log("reception", "V2", "2025-12-31T23:59:00+08:00", ["site": .string("center")])
        f.log("reception", "V3", "2026-01-01T00:00:00+08:00", ["site": .string("center")])
        for index in 1...3 { f.log("reception", "S\(index)", "2025-0\(index)-10", ["site": .string("legal_service")]) }
        f.log("reception", "S9", "2024-12-31T23:59:00+08:00", ["site": .string("legal_service")])
        f.log("desk_consultation", "K1", "2025-05-01", ["site": .string("center")])
        f.log("desk_consultation", "K2", "2025-05-02", ["site": .string("center")])
        f.log("desk_consultation", "K3", "2025-05-03", ["site": .string("legal_service")])
        f.log("training", "T1", "2025-04-01", ["title": .string("调解技巧"), "attendees": .number(30)])
        f.log("training", "T2", "2025-09-01", ["title": .string("民法典"), "attendees": .number(45)])
        f.log("training", "T0", "2024-09-01", ["title": .string("旧"), "attendees": .number(99)])
        let codes = ["914502220000000A1", "914502220000000A2", "914502220000000A3"].map { body in
            body + String(CreditCode.checkCharacter(for: body)!)
        }
        f.log("enterprise_checkup", "E1", "2025-06-01", ["enterprise": .string("甲厂"), "credit_code": .string(codes[0])])
        f.log("enterprise_checkup", "E2", "2025-06-02", ["enterprise": .string("乙厂"), "credit_code": .string(codes[1])])
        f.log("enterprise_checkup", "E3", "2025-07-02", ["enterprise": .string("甲厂"), "credit_code": .string(codes[0])])
        f.log("enterprise_checkup", "E4", "2024-07-02", ["enterprise": .string("丙厂"), "credit_code": .string(codes[2])])
        // Another county's records must never leak into 450222's report.
        var other = ReportFixture(county: "450223")
        other.mediation("M1", "2025-03-01")
        other.event("mediation", "M1", "agree", "2025-03-02", ["form": .string("written")])
        other.log("reception", "V1", "2025-03-01", ["site": .string("center")])
        f.lines += other.lines
        return f
    }

    /// Worked out by hand from the records above.
    static let expected2025: [String: (Double, Double?)] = [
        "mediation.mediated": (5, nil),            // M1, M2, M6, M7, B4 (M3 agreed in 2026; labour apart)
        "mediation.succeeded": (4, nil),           // M1, M6, M7, B4
        "mediation.success_rate": (4, 5),          // 80.0
        "mediation.judicial_confirmations": (2, nil),  // M1, M6 (23:30 on 31 Dec); M7 is 2026 in Beijing
        "mediation.litigation_cost_saved": (3600, nil), // 300 (20,000) + 3,300 (150,000)
        "mediation.trainings": (2, nil),
        "mediation.trainees": (75, nil),
        "mediation.big3_new": (3, nil),            // B4, B5, B6
        "mediation.big3_stable_rate": (2, 3),      // B5 escalated in 2025; B6 only in 2026
        "mediation.big3_concluded": (1, nil),      // B4
        "mediation.big3_conclusion_rate": (1, 3),  // 33.33
        "mediation.big3_backlog": (1, 2),          // B1 ruled in 2025 of B1, B3 (B2 ended in 2024)
        "mediation.labor_resolved": (1, nil),
        "mediation.labor_success_rate": (1, 2),
        "center.visitors": (2, nil),
        "center.desk_consultations": (2, nil),
        "center.cases": (7, nil),                  // D1, D2, D3, D5, D6 + X1, X2
        "center.disputes": (5, nil),
        "center.disputes_police": (2, nil),
        "center.disputes_walk_in": (2, nil),
        "center.disputes_resolved": (1, nil),      // D1; D2 reopened, D3 withdrawn, D6 resolved in 2026
        "center.other_matters": (2, nil),
        "center.legal_consultations": (1, nil),
        "center.unresolved_followed": (4, nil),
        "center.unresolved_followed_cadence": (1, 4),  // D2 met the cadence until its resolve; D6 never followed up
        "review.received": (4, nil),
        "review.concluded": (3, nil),              // R1 (received 2024), R2, R4
        "review.public_hearings": (1, nil),
        "review.mediation_cases": (3, nil),
        "review.mediated_in_review": (2, nil),     // A1, A4 (accepted 2024)
        "review.prelitigation_open": (1, nil),
        "review.correction_rate": (1, 2),          // R1 revoke of R1, R2
        "legal_aid.visitors": (3, nil),
        "legal_aid.cases": (4, nil),               // L1 grant, L2 notify, L3 objection upheld, L4 granted 2025
        "notary.matters": (5, nil),
        "notary.appointments": (2, nil),
        "notary.home_visits": (1, nil),
        "legal_aid.enterprise_checkups": (2, nil),
    ]
}
