import AnjieDomain
import Foundation

/// Administrative review (`review`) and the administrative-dispute mediation centre
/// (`admin_mediation`): the `review.*` figures.
///
/// Received in 2025 (69): 38 decided in 2025, 6 terminated in 2025, 5 rejected, 2 abandoned after
/// a correction notice, 18 open at year end (12 accepted — four decided and one terminated in
/// 2026 — 2 suspended, 2 received in the last days of December, 2 waiting for corrections).
/// Received in 2024 (8): 6 decided and 1 terminated in 2025, 1 decided in 2024.
/// Concluded in 2025 (51) = 38 + 6 + 6 + 1.
///
/// Decisions in 2025: 44, of which 8 correct the act (revoke 4, change 1, confirm_illegal 2,
/// order_performance 1): correction rate 18.2%, not published. Hearings: one public hearing in
/// 2025; six closed hearings in 2025; one public hearing in 2024 and one in January 2026.
///
/// Mediation centre, accepted in 2025 (11): 6 during a review (3 agreed and 2 failed in 2025, 1
/// agreed in January 2026) and 5 before litigation (3 agreed, 1 failed, 1 still mediating at year
/// end, agreed in February 2026). One more review mediation accepted in December 2024 and agreed in
/// January 2025 counts among the 4 agreed in review in 2025; one pre-litigation mediation of 2024
/// ended in 2024.
extension Demo2025.Builder {
    static let reviewActors = ["fy-clerk-01", "fy-clerk-02", "fy-clerk-03"]

    mutating func addReview() {
        var drafts: [Demo2025.CaseDraft] = []
        var roles: [String] = []

        // Received in 2024.
        for (index, outcome) in ["uphold", "uphold", "uphold", "revoke", "dismiss_claim", "dismiss_claim"].enumerated() {
            var draft = receiveReview(on: workday(Self.day(2024, 10, 8), Self.day(2024, 12, 2)))
            acceptReview(&draft, procedure: "ordinary")
            if index == 0 { hearing(&draft, at: time(on: workday(Self.day(2025, 1, 6), Self.day(2025, 1, 10))), public: false) }
            decide(&draft, outcome, at: time(on: workday(Self.day(2025, 1, 13), Self.day(2025, 3, 20))))
            drafts.append(draft)
            roles.append("2024-decided")
        }
        do {
            var draft = receiveReview(on: Self.day(2024, 11, 25))
            acceptReview(&draft, procedure: "ordinary")
            terminate(&draft, "withdrawn", at: at(Self.day(2025, 1, 15), 10, 0))
            drafts.append(draft)
            roles.append("2024-terminated")
        }
        do {
            var draft = receiveReview(on: Self.day(2024, 8, 12))
            acceptReview(&draft, procedure: "ordinary")
            hearing(&draft, at: at(Self.day(2024, 10, 16), 9, 30), public: true)
            decide(&draft, "uphold", at: at(Self.day(2024, 10, 10 + 18), 15, 0))
            drafts.append(draft)
            roles.append("2024-old")
        }

        // Received and decided in 2025 (38); one has the year's public hearing, four a closed one.
        let outcomes = deck([("revoke", 3), ("change", 1), ("confirm_illegal", 2), ("order_performance", 1), ("uphold", 18),
                             ("dismiss_claim", 9), ("dismiss_application", 2), ("mediation_statement", 2)])
        for (index, outcome) in outcomes.enumerated() {
            // Received by mid-September so that every step below still fits before 30 December.
            var draft = receiveReview(on: workday(Self.day(2025, 1, 6), Self.day(2025, 9, 15)))
            if chance(15) { correction(&draft) }
            let simplified = chance(25)
            acceptReview(&draft, procedure: simplified ? "simplified" : "ordinary")
            var ordinary = !simplified
            if simplified, chance(20) {
                draft.add("convert_procedure", later(draft.last, days: 3...10), by: draft.steps[0].actor, ["to": .string("ordinary")])
                ordinary = true
            }
            if index == 0 {
                hearing(&draft, at: later(draft.last, days: 12...20, workday: true), public: true)
            } else if index <= 4 {
                hearing(&draft, at: later(draft.last, days: 10...20, workday: true), public: false)
            }
            if ordinary, index % 13 == 5 {
                draft.add("suspend", later(draft.last, days: 5...15), by: draft.steps[0].actor, ["ground": .string("双方申请自行和解")])
                draft.add("resume", later(draft.last, days: 10...25), by: draft.steps[0].actor)
            } else if ordinary, chance(10) {
                draft.add("extend", later(draft.last, days: 10...25), by: draft.steps[0].actor, ["days": .number(Double(int(15...30)))])
            }
            decide(&draft, outcome, at: later(draft.last, days: ordinary ? 15...50 : 8...25, notAfter: Self.day(2025, 12, 30), workday: true))
            drafts.append(draft)
            roles.append(outcome == "mediation_statement" ? "mediated" : "decided")
        }
        // Terminated in 2025 (6); two while suspended.
        for (index, reason) in deck([("withdrawn", 3), ("settled", 2), ("other", 1)]).enumerated() {
            var draft = receiveReview(on: workday(Self.day(2025, 1, 6), Self.day(2025, 10, 31)))
            acceptReview(&draft, procedure: "ordinary")
            if index < 2 {
                draft.add("suspend", later(draft.last, days: 5...15), by: draft.steps[0].actor, ["ground": .string("申请人申请中止审理")])
            }
            terminate(&draft, reason, at: later(draft.last, days: 5...30, notAfter: Self.day(2025, 12, 30), workday: true))
            drafts.append(draft)
            roles.append(reason == "settled" ? "mediated" : "terminated")
        }
        // Rejected (5) and abandoned (2).
        for _ in 0..<5 {
            var draft = receiveReview(on: workday(Self.day(2025, 1, 6), Self.day(2025, 12, 15)))
            draft.add("reject", later(draft.last, days: 1...5, workday: true), by: draft.steps[0].actor,
                      ["reason": .string(pick(["超过法定申请期限", "不属于行政复议范围", "申请人与被申请行政行为无利害关系"]))])
            drafts.append(draft)
            roles.append("rejected")
        }
        for _ in 0..<2 {
            var draft = receiveReview(on: workday(Self.day(2025, 3, 3), Self.day(2025, 11, 14)))
            draft.add("request_correction", later(draft.last, days: 1...4), by: draft.steps[0].actor,
                      ["items": .array([.string("被申请行政行为的相关材料"), .string("申请人身份证明")])])
            draft.add("abandon", later(draft.last, days: 16...20), by: draft.steps[0].actor)
            drafts.append(draft)
            roles.append("abandoned")
        }
        // Open at year end (18).
        for index in 0..<12 {
            var draft = receiveReview(on: workday(Self.day(2025, 10, 20), Self.day(2025, 12, 15)))
            acceptReview(&draft, procedure: index % 3 == 0 ? "simplified" : "ordinary")
            if index == 5 { hearing(&draft, at: later(draft.last, days: 5...10, notAfter: Self.day(2025, 12, 30), workday: true), public: false) }
            if index == 4 {
                hearing(&draft, at: at(Self.day(2026, 1, 20), 9, 30), public: true)
                decide(&draft, "revoke", at: at(Self.day(2026, 2, 11), 15, 0))
            } else if index < 4 {
                decide(&draft, "uphold", at: time(on: workday(Self.day(2026, 1, 5), Self.day(2026, 2, 27))))
            } else if index == 6 {
                terminate(&draft, "withdrawn", at: at(Self.day(2026, 1, 16), 10, 0))
            }
            drafts.append(draft)
            roles.append("open-accepted")
        }
        for _ in 0..<2 {
            var draft = receiveReview(on: workday(Self.day(2025, 9, 1), Self.day(2025, 10, 17)))
            acceptReview(&draft, procedure: "ordinary")
            draft.add("suspend", later(draft.last, days: 10...30), by: draft.steps[0].actor,
                      ["ground": .string("案件涉及的法律适用问题需要有权机关作出解释")])
            drafts.append(draft)
            roles.append("open")
        }
        for index in 0..<2 {
            var draft = receiveReview(on: Self.day(2025, 12, 29 + index))
            if index == 0 { acceptReview(&draft, procedure: "ordinary", on: Self.day(2026, 1, 5)) }
            drafts.append(draft)
            roles.append("open")
        }
        for _ in 0..<2 {
            var draft = receiveReview(on: workday(Self.day(2025, 12, 10), Self.day(2025, 12, 19)))
            draft.add("request_correction", later(draft.last, days: 1...4), by: draft.steps[0].actor,
                      ["items": .array([.string("行政复议申请书（载明具体请求）")])])
            drafts.append(draft)
            roles.append("open")
        }
        let numbers = emit(drafts)
        addAdminMediation(reviews: zip(numbers, zip(drafts, roles)).map { (number: $0, received: $1.0.opened, role: $1.1) })
    }

    /// `reviews`: number, time received and role of each review case, so mediation during a
    /// review names a real review case received before it.
    mutating func addAdminMediation(reviews: [(number: String, received: Date, role: String)]) {
        var drafts: [Demo2025.CaseDraft] = []
        func reviewCase(_ roles: Set<String>, receivedBy: LocalDate, except used: [String]) -> (String, Date) {
            let found = reviews.first { roles.contains($0.role) && LocalDate($0.received) <= receivedBy && !used.contains($0.number) }!
            return (found.number, found.received)
        }
        var used: [String] = []
        // In review: agreed in January 2025, accepted in December 2024.
        do {
            let (number, received) = reviewCase(["2024-decided"], receivedBy: Self.day(2024, 12, 2), except: used)
            used.append(number)
            var draft = openAdminMediation(stage: "in_review", reviewCase: number,
                                           on: max(LocalDate(received).adding(days: 10), Self.day(2024, 12, 9)))
            draft.add("agree", time(on: workday(Self.day(2025, 1, 6), Self.day(2025, 1, 10))), by: draft.steps[0].actor)
            drafts.append(draft)
        }
        // In review, 2025: 3 agreed, 2 failed, 1 agreed in 2026.
        for ending in ["agree", "agree", "agree", "fail", "fail"] {
            let roles: Set<String> = ending == "agree" ? ["mediated", "decided"] : ["decided", "terminated"]
            let (number, received) = reviewCase(roles, receivedBy: Self.day(2025, 10, 20), except: used)
            used.append(number)
            var draft = openAdminMediation(stage: "in_review", reviewCase: number,
                                           on: max(LocalDate(received).adding(days: int(7...15)), Self.day(2025, 1, 6)))
            adminEnd(&draft, ending, at: later(draft.last, days: 5...20, notAfter: Self.day(2025, 12, 30), workday: true))
            drafts.append(draft)
        }
        do {
            let (number, received) = reviewCase(["open-accepted"], receivedBy: Self.day(2025, 12, 10), except: used)
            var draft = openAdminMediation(stage: "in_review", reviewCase: number,
                                           on: min(LocalDate(received).adding(days: 10), Self.day(2025, 12, 26)))
            adminEnd(&draft, "agree", at: at(Self.day(2026, 1, 22), 15, 0))
            drafts.append(draft)
        }
        // Before litigation, 2025: 3 agreed, 1 failed, 1 mediating at year end (agreed February 2026).
        for ending in ["agree", "agree", "agree", "fail"] {
            var draft = openAdminMediation(stage: "pre_litigation", reviewCase: nil, on: workday(Self.day(2025, 2, 3), Self.day(2025, 11, 28)))
            adminEnd(&draft, ending, at: later(draft.last, days: 7...30, notAfter: Self.day(2025, 12, 30), workday: true))
            drafts.append(draft)
        }
        do {
            var draft = openAdminMediation(stage: "pre_litigation", reviewCase: nil, on: Self.day(2025, 12, 3))
            adminEnd(&draft, "agree", at: at(Self.day(2026, 2, 10), 10, 0))
            drafts.append(draft)
        }
        do {
            var draft = openAdminMediation(stage: "pre_litigation", reviewCase: nil, on: Self.day(2024, 9, 10))
            adminEnd(&draft, "agree", at: at(Self.day(2024, 10, 15), 10, 0))
            drafts.append(draft)
        }
        emit(drafts)
    }

    // MARK: Steps

    mutating func receiveReview(on date: LocalDate) -> Demo2025.CaseDraft {
        let township = pick(townships)
        let (respondent, act) = pick([
            ("柳城县公安局", "治安管理行政处罚决定"), ("柳城县自然资源局", "土地违法行政处罚决定"),
            ("柳城县人力资源和社会保障局", "不予认定工伤决定"), ("柳城县市场监督管理局", "行政处罚决定"),
            ("柳城县住房和城乡建设局", "责令限期拆除决定"), ("\(township)人民政府", "林地权属争议处理决定"),
            ("柳城县交通运输局", "行政处罚决定"), ("柳城县卫生健康局", "政府信息公开答复"),
            ("柳城县医疗保障局", "不予报销决定"), ("\(township)人民政府", "责令停止违法建设通知"),
        ])
        let actDate = date.adding(days: -int(10...80))
        let knownDate = min(actDate.adding(days: int(0...10)), date)
        let applicant = chance(20) ? enterprise("applicant") : person("applicant", born: 1955, to: 2000, withPhone: true)
        var data: EventData = [
            "respondent": .string(respondent), "act": .string(act), "act_date": .string(actDate.description),
            "known_date": .string(knownDate.description), "channel": .string(pick(["书面申请", "书面申请", "网上申请", "邮寄申请", "口头申请"])),
            "parties": .array([applicant, agency("respondent", respondent)]), "township": .string(township),
        ]
        if act.contains("处罚"), chance(70) { data["amount"] = .number(Double(int(2...400) * 100)) }
        var draft = Demo2025.CaseDraft(.review)
        draft.add("receive", time(on: date), by: pick(Self.reviewActors), data)
        return draft
    }

    mutating func correction(_ draft: inout Demo2025.CaseDraft) {
        draft.add("request_correction", later(draft.last, days: 1...4), by: draft.steps[0].actor,
                  ["items": .array([.string("被申请行政行为的相关材料")])])
        draft.add("corrected", later(draft.last, days: 3...9), by: draft.steps[0].actor)
    }

    mutating func acceptReview(_ draft: inout Demo2025.CaseDraft, procedure: String, on date: LocalDate? = nil) {
        let at = date.map { time(on: $0) } ?? later(draft.last, days: 1...5, workday: true)
        draft.add("accept", at, by: draft.steps[0].actor, ["procedure": .string(procedure)])
    }

    mutating func hearing(_ draft: inout Demo2025.CaseDraft, at: Date, public isPublic: Bool) {
        draft.add("hearing", at, by: draft.steps[0].actor,
                  ["date": .string(LocalDate(at).description), "public": .bool(isPublic)])
    }

    mutating func decide(_ draft: inout Demo2025.CaseDraft, _ outcome: String, at: Date) {
        draft.add("decide", at, by: draft.steps[0].actor, ["outcome": .string(outcome)])
    }

    mutating func terminate(_ draft: inout Demo2025.CaseDraft, _ reason: String, at: Date) {
        draft.add("terminate", at, by: draft.steps[0].actor, ["reason": .string(reason)])
    }

    mutating func openAdminMediation(stage: String, reviewCase: String?, on date: LocalDate) -> Demo2025.CaseDraft {
        var data: EventData = [
            "stage": .string(stage), "township": .string(pick(townships)),
            "parties": .array([person("applicant", withPhone: true), agency("respondent", pick(["柳城县自然资源局", "柳城县人力资源和社会保障局", "柳城县住房和城乡建设局"]))]),
        ]
        if let reviewCase { data["review_case"] = .string(reviewCase) }
        var draft = Demo2025.CaseDraft(.adminMediation)
        draft.add("accept", time(on: date), by: pick(Self.reviewActors), data)
        return draft
    }

    mutating func adminEnd(_ draft: inout Demo2025.CaseDraft, _ event: String, at: Date) {
        if event == "agree" {
            draft.add("agree", at, by: draft.steps[0].actor)
        } else {
            draft.add("fail", at, by: draft.steps[0].actor, ["reason": .string(pick(["双方分歧较大", "申请人坚持复议决定"]))])
        }
    }
}
