import AnjieDomain
import Foundation

/// People's mediation (workflow `mediation`) and mediator trainings: the `mediation.*` figures.
///
/// Ended in 2025 outside labour organisations (mediation.mediated 1869, of which agree 1825):
///
/// | cohort                                           | agree | fail/terminate |
/// |--------------------------------------------------|------:|---------------:|
/// | ordinary, accepted 2025                          |  1715 | 41             |
/// | ordinary, accepted Nov–Dec 2024, ended Jan 2025  |    57 | 2              |
/// | big-3 accepted 2025 (agree; `rule` does not end) |    50 | 1              |
/// | big-3 backlog from 2024, concluded 2025          |     3 | —              |
/// | total                                            |  1825 | 44             |
///
/// Not counted: 30 ordinary cases accepted and ended in 2024, 20 accepted in 2025 and still
/// mediating at year end (5 of them end in 2026), 3 big-3 cases concluded in 2024, big-3 `rule`
/// decisions, and the labour organisations' cases (43 ended in 2025, 41 with agree, counted
/// separately).
///
/// Judicial confirmations granted in 2025 (174): 168 ordinary agreements of 2025, 4 big-3
/// agreements (contract or adjacency, never ownership), 2 agreements of December 2024 granted in
/// January 2025. One more, applied for in December 2025, is granted in January 2026; one is
/// rejected and never re-applied for; three are rejected once and granted on a second application
/// inside the 30 days.
///
/// Dawn of New Year's Day is still the previous day in UTC: one agreement is dated 2025-01-01
/// 07:40 (counts in 2025) and one labour agreement 2026-01-01 06:30 (does not), so a count on UTC
/// dates comes out wrong.
extension Demo2025.Builder {
    static let mediationActors = (1...24).map { "tj-clerk-\(String(format: "%02d", $0))" }
    static let confirmationCourt = "柳城县人民法院"
    /// Court fees saved by the 2025 confirmations land here (9万余元).
    static let feeTarget = 96_180.0

    mutating func addMediation() {
        var drafts: [Demo2025.CaseDraft] = []
        var amounts = confirmedAmounts(174)
        func nextAmount() -> Double? { amounts.removeLast() }

        // Ordinary cases accepted in 2025 ending with agree (1715). Index 0 is applied for
        // confirmation in December and granted in 2026; index 1 is rejected and not re-applied.
        let confirmed = Set(shuffled(Array(2..<1715)).prefix(168))
        var reapplied = 0
        for index in 0..<1715 {
            if index == 0 {
                var draft = openMediation(on: Self.day(2025, 12, 1))
                let agreed = later(draft.last, days: 14...14)
                draft.add("agree", agreed, by: draft.steps[0].actor, ["form": .string("written")])
                let applied = later(agreed, days: 11...11)
                draft.add("apply_confirmation", applied, by: draft.steps[0].actor, ["court": .string(Self.confirmationCourt)])
                draft.add("confirmation_granted", at(Self.day(2026, 1, 13), 10, 30), by: draft.steps[0].actor,
                          ["ruling_no": .string("（2026）桂0222民特12号")])
                drafts.append(draft)
                continue
            }
            if index == 1 {
                var draft = openMediation(on: Self.day(2025, 6, 3))
                let agreed = later(draft.last, days: 17...17)
                draft.add("agree", agreed, by: draft.steps[0].actor, ["form": .string("written")])
                let applied = later(agreed, days: 5...5)
                draft.add("apply_confirmation", applied, by: draft.steps[0].actor, ["court": .string(Self.confirmationCourt)])
                draft.add("confirmation_rejected", later(applied, days: 15...15, workday: true), by: draft.steps[0].actor,
                          ["reason": .string("协议内容涉及案外人权益，不予确认")])
                draft.add("performed", later(draft.last, days: 40...50), by: draft.steps[0].actor)
                drafts.append(draft)
                continue
            }
            let isConfirmed = confirmed.contains(index)
            let accepted = workday(Self.day(2025, 1, 2), isConfirmed ? Self.day(2025, 10, 31) : Self.day(2025, 12, 22))
            var draft = openMediation(on: accepted, amount: isConfirmed ? .yuan(nextAmount()) : .random)
            let limit = isConfirmed ? Self.day(2025, 11, 20) : Self.day(2025, 12, 30)
            let escalated = !isConfirmed && index % 571 == 100
            if escalated {
                draft.add("escalation", later(draft.last, days: 1...2), by: draft.steps[0].actor,
                          ["kind": .string(pick(["bypass_petition", "group_petition"]))])
            }
            let agreed = later(draft.last, days: chance(8) ? 26...50 : 1...25, notAfter: limit)
            let written = isConfirmed || chance(65)
            agree(&draft, at: agreed, written: written)
            if isConfirmed {
                if reapplied < 3 {
                    reapplied += 1
                    confirm(&draft, agreed: agreed, rejectedFirst: true)
                } else {
                    confirm(&draft, agreed: agreed, rejectedFirst: false)
                }
                if chance(40) { draft.add("performed", later(draft.last, days: 10...60), by: draft.steps[0].actor) }
            } else if chance(30) {
                draft.add("performed", later(draft.last, days: 3...60), by: draft.steps[0].actor)
            }
            drafts.append(draft)
        }

        // Ordinary cases accepted in 2025 ending without agreement (23 fail, 18 terminate).
        for ending in deck([("fail", 23), ("terminate", 18)]) {
            var draft = openMediation(on: workday(Self.day(2025, 1, 2), Self.day(2025, 12, 15)))
            end(&draft, ending, at: later(draft.last, days: 3...40, notAfter: Self.day(2025, 12, 30)))
            drafts.append(draft)
        }

        // Accepted late in 2024, ended in January 2025 (57 agree, 2 fail): they count in 2025. The
        // first agreement is recorded at 07:40 on 1 January, still 31 December in UTC: a period
        // rule on UTC dates would miss it.
        var newYearTrap = true
        for ending in deck([("agree", 57), ("fail", 2)]) {
            var draft = openMediation(on: workday(Self.day(2024, 11, 25), Self.day(2024, 12, 31)))
            let endedOn = day(max(Self.day(2025, 1, 2), LocalDate(draft.last).adding(days: 5)), Self.day(2025, 1, 28))
            if ending == "agree" {
                agree(&draft, at: newYearTrap ? at(Self.day(2025, 1, 1), 7, 40) : time(on: endedOn), written: chance(60))
                newYearTrap = false
                if chance(30) { draft.add("performed", later(draft.last, days: 5...40), by: draft.steps[0].actor) }
            } else {
                end(&draft, ending, at: time(on: endedOn))
            }
            drafts.append(draft)
        }

        // Accepted and ended in 2024 (25 agree, 3 fail, 2 terminate): not in 2025's count. Two
        // December agreements are confirmed by the court in January 2025, which does count.
        for _ in 0..<2 {
            var draft = openMediation(on: workday(Self.day(2024, 11, 1), Self.day(2024, 11, 29)), amount: .yuan(nextAmount()))
            let agreed = time(on: day(Self.day(2024, 12, 9), Self.day(2024, 12, 20)))
            agree(&draft, at: agreed, written: true)
            let applied = time(on: day(Self.day(2024, 12, 26), Self.day(2024, 12, 31)))
            draft.add("apply_confirmation", applied, by: draft.steps[0].actor, ["court": .string(Self.confirmationCourt)])
            draft.add("confirmation_granted", time(on: workday(Self.day(2025, 1, 6), Self.day(2025, 1, 17))),
                      by: draft.steps[0].actor, ["ruling_no": .string(rulingNumber(2025))])
            drafts.append(draft)
        }
        for ending in deck([("agree", 23), ("fail", 3), ("terminate", 2)]) {
            var draft = openMediation(on: workday(Self.day(2024, 9, 2), Self.day(2024, 11, 29)))
            let endedAt = later(draft.last, days: 2...25, notAfter: Self.day(2024, 12, 28))
            if ending == "agree" {
                agree(&draft, at: endedAt, written: chance(60))
            } else {
                end(&draft, ending, at: endedAt)
            }
            drafts.append(draft)
        }

        // Accepted in 2025, still mediating at year end (20); five end in 2026, which must not count.
        for (index, ending) in deck([("none", 15), ("agree", 3), ("fail", 1), ("terminate", 1)]).enumerated() {
            var draft = openMediation(on: workday(index < 3 ? Self.day(2025, 11, 20) : Self.day(2025, 12, 1),
                                                  Self.day(2025, 12, 30)))
            let endedAt = time(on: day(Self.day(2026, 1, 5), Self.day(2026, 2, 10)))
            switch ending {
            case "agree": agree(&draft, at: endedAt, written: chance(50))
            case "fail", "terminate": end(&draft, ending, at: endedAt)
            default: break
            }
            drafts.append(draft)
        }

        drafts += big3Cases(amounts: &amounts)
        drafts += laborCases()
        assert(amounts.isEmpty, "every confirmed amount is used")
        emit(drafts)
        addTrainings()
    }

    // MARK: Big-3 disputes (三大纠纷)

    /// 60 accepted in 2025 (58 concluded, none escalated before year end), 5 backlog cases from
    /// 2024 all concluded in 2025, 3 older ones concluded in 2024.
    mutating func big3Cases(amounts: inout [Double?]) -> [Demo2025.CaseDraft] {
        var drafts: [Demo2025.CaseDraft] = []
        let adjacencyOrContract = ["contract", "adjacency"]

        // 40 contract/adjacency disputes agreed in 2025; the first four are judicially confirmed.
        for index in 0..<40 {
            let kind = pick(["land", "land", "forest", "forest", "water"])
            let isConfirmed = index < 4
            var draft = openMediation(on: workday(Self.day(2025, 1, 2), isConfirmed ? Self.day(2025, 9, 30) : Self.day(2025, 11, 28)),
                                      big3: (kind, pick(adjacencyOrContract)),
                                      amount: isConfirmed ? .yuan(amounts.removeLast()) : .random)
            let agreed = later(draft.last, days: 5...40, notAfter: isConfirmed ? Self.day(2025, 11, 10) : Self.day(2025, 12, 29))
            agree(&draft, at: agreed, written: isConfirmed || chance(80))
            if isConfirmed { confirm(&draft, agreed: agreed, rejectedFirst: false) }
            drafts.append(draft)
        }
        // 18 ownership disputes: 10 agreed (never confirmed: 物权确权), 8 decided by the government.
        for ending in deck([("agree", 10), ("rule", 8)]) {
            var draft = openMediation(on: workday(Self.day(2025, 1, 2), Self.day(2025, 11, 14)),
                                      big3: (pick(["land", "forest"]), "ownership"))
            let concluded = later(draft.last, days: 10...45, notAfter: Self.day(2025, 12, 29))
            if ending == "agree" {
                agree(&draft, at: concluded, written: chance(70))
            } else {
                rule(&draft, at: concluded)
            }
            drafts.append(draft)
        }
        // Not concluded by year end: one still mediating (escalation and agreement in 2026 must
        // not count), one failed in December.
        var open = openMediation(on: Self.day(2025, 11, 18), big3: ("water", "adjacency"))
        open.add("escalation", at(Self.day(2026, 1, 10), 16, 20), by: open.steps[0].actor, ["kind": .string("group_petition")])
        agree(&open, at: at(Self.day(2026, 2, 20), 10, 0), written: true)
        drafts.append(open)
        var failed = openMediation(on: Self.day(2025, 10, 13), big3: ("forest", "contract"))
        end(&failed, "fail", at: at(Self.day(2025, 12, 9), 15, 40))
        drafts.append(failed)

        // Backlog: accepted in 2024, mediating on 1 January 2025, concluded in 2025 (3 agree, 2 rule).
        let backlog: [(String, String, String)] = [
            ("land", "adjacency", "agree"), ("water", "contract", "agree"), ("forest", "ownership", "agree"),
            ("land", "ownership", "rule"), ("forest", "ownership", "rule"),
        ]
        for (index, (kind, nature, ending)) in backlog.enumerated() {
            var draft = openMediation(on: workday(Self.day(2024, 9, 2), Self.day(2024, 12, 20)), big3: (kind, nature))
            if index == 1 {
                // An escalation in 2024 concerns 2024's stability figure, not 2025's.
                draft.add("escalation", later(draft.last, days: 3...8), by: draft.steps[0].actor, ["kind": .string("bypass_petition")])
            }
            let concluded = time(on: workday(Self.day(2025, 2, 10), Self.day(2025, 9, 30)))
            if ending == "agree" { agree(&draft, at: concluded, written: true) } else { rule(&draft, at: concluded) }
            drafts.append(draft)
        }
        // Concluded in 2024: not backlog.
        for (kind, nature, ending) in [("land", "contract", "agree"), ("forest", "ownership", "rule"), ("water", "adjacency", "agree")] {
            var draft = openMediation(on: workday(Self.day(2024, 3, 1), Self.day(2024, 9, 30)), big3: (kind, nature))
            let concluded = later(draft.last, days: 10...60, notAfter: Self.day(2024, 12, 20))
            if ending == "agree" { agree(&draft, at: concluded, written: chance(50)) } else { rule(&draft, at: concluded) }
            drafts.append(draft)
        }
        return drafts
    }

    // MARK: Labour-dispute mediation (organization_kind: labor)

    /// 43 ended in 2025 (41 agree, 1 fail, 1 terminate; three accepted in December 2024), 2 ended
    /// in 2024, 2 mediating at year end (one agrees at dawn on 1 January 2026).
    mutating func laborCases() -> [Demo2025.CaseDraft] {
        var drafts: [Demo2025.CaseDraft] = []
        for index in 0..<43 {
            let ending = index < 41 ? "agree" : index == 41 ? "fail" : "terminate"
            var draft: Demo2025.CaseDraft
            let endedAt: Date
            if index < 3 {
                draft = openLabor(on: workday(Self.day(2024, 12, 9), Self.day(2024, 12, 27)))
                endedAt = time(on: workday(Self.day(2025, 1, 2), Self.day(2025, 1, 20)))
            } else {
                draft = openLabor(on: workday(Self.day(2025, 1, 2), Self.day(2025, 12, 12)))
                endedAt = later(draft.last, days: 3...30, notAfter: Self.day(2025, 12, 30))
            }
            if ending == "agree" {
                agree(&draft, at: endedAt, written: true)
                if chance(50) { draft.add("performed", later(endedAt, days: 5...30), by: draft.steps[0].actor) }
            } else {
                end(&draft, ending, at: endedAt)
            }
            drafts.append(draft)
        }
        for ending in ["agree", "fail"] {
            var draft = openLabor(on: workday(Self.day(2024, 5, 6), Self.day(2024, 10, 31)))
            let endedAt = later(draft.last, days: 5...30)
            if ending == "agree" { agree(&draft, at: endedAt, written: true) } else { end(&draft, ending, at: endedAt) }
            drafts.append(draft)
        }
        // Agreed at 06:30 on 1 January 2026, which is still 31 December 2025 in UTC: not 2025's.
        var pending = openLabor(on: Self.day(2025, 12, 16))
        agree(&pending, at: at(Self.day(2026, 1, 1), 6, 30), written: true)
        drafts.append(pending)
        drafts.append(openLabor(on: Self.day(2025, 12, 24)))
        return drafts
    }

    // MARK: Trainings

    /// 26 sessions in 2025 with 1042 attendances (26 × 40 + 2), and one session either side of the year.
    mutating func addTrainings() {
        let titles = ["人民调解员业务培训班", "《人民调解法》专题培训", "矛盾纠纷排查化解实务培训", "“三大纠纷”调处业务培训",
                      "婚姻家庭纠纷调解技巧培训", "劳动争议调解实务培训", "调解文书制作规范培训", "司法确认衔接业务培训",
                      "新任人民调解员岗前培训", "“枫桥经验”专题培训", "驻所调解工作培训", "医疗纠纷调解业务培训"]
        var deltas: [Int] = []
        for _ in 0..<13 {
            let delta = int(0...14)
            deltas += [delta, -delta]
        }
        deltas = shuffled(deltas)
        deltas[0] += 2
        for (index, delta) in deltas.enumerated() {
            // Two sessions a month, spread so that both halves of the year have some.
            let month = index / 2 + 1 > 12 ? int(3...11) : index / 2 + 1
            let date = workday(Self.day(2025, month, 2), Self.day(2025, month, 27))
            log(.training, time(on: date), by: "tj-clerk-01",
                ["title": .string(pick(titles)), "attendees": .number(Double(40 + delta))])
        }
        log(.training, at(Self.day(2024, 12, 18), 9, 0), by: "tj-clerk-01",
            ["title": .string("年终人民调解业务培训"), "attendees": .number(52)])
        log(.training, at(Self.day(2026, 1, 14), 9, 0), by: "tj-clerk-01",
            ["title": .string("2026年人民调解员轮训"), "attendees": .number(61)])
    }

    // MARK: Steps

    enum Amount {
        case random
        case yuan(Double?)
    }

    /// An `accept`: a non-labour organisation (or a big-3 dispute), a township, a category and parties.
    mutating func openMediation(on date: LocalDate, big3: (String, String)? = nil, amount: Amount = .random) -> Demo2025.CaseDraft {
        let township = pick(townships)
        let kind: String, organization: String, category: String
        if let big3 {
            let big3Kind = big3.0
            kind = pick(["township", "township", "county", "village"])
            organization = kind == "county" ? "柳城县人民调解委员会"
                : kind == "township" ? "\(township)人民调解委员会" : "\(village(in: township))人民调解委员会"
            category = big3Kind == "water" ? "other" : "land_forest"
        } else {
            (kind, organization, category) = mediationOrganization(on: date, township: township)
        }
        var data: EventData = [
            "organization": .string(organization), "organization_kind": .string(kind),
            "category": .string(category), "township": .string(township), "parties": disputants(),
        ]
        let source = pick(["application", "application", "application", "application", "application", "application",
                           "own_initiative", "own_initiative", "referral_court", "referral_police", "referral_center"])
        data["source"] = .string(source)
        if source == "referral_court" {
            data["referral_case"] = .string("（\(date.year)）桂0222民诉前调\(int(100...2999))号")
        } else if source == "referral_police" {
            data["referral_case"] = .string("柳城公（\(String(township.prefix(2)))）调字〔\(date.year)〕\(int(1...400))号")
        }
        if let big3 {
            data["big3"] = .string(big3.0)
            data["big3_nature"] = .string(big3.1)
        }
        switch amount {
        case .random:
            if chance(70) { data["amount"] = .number(Double(int(5...800) * 100)) }
        case .yuan(let yuan):
            if let yuan { data["amount"] = .number(yuan) }
        }
        var draft = Demo2025.CaseDraft(.mediation)
        draft.add("accept", time(on: date), by: pick(Self.mediationActors), data)
        return draft
    }

    mutating func openLabor(on date: LocalDate) -> Demo2025.CaseDraft {
        let township = pick(townships)
        let organization = pick(["柳城县总工会劳动争议调解委员会", "柳城县工业集中区劳动争议调解委员会", "\(township)劳动争议调解委员会"])
        let data: EventData = [
            "organization": .string(organization), "organization_kind": .string("labor"),
            "source": .string(pick(["application", "application", "referral_center"])), "category": .string("labor"),
            "township": .string(township), "amount": .number(Double(int(30...600) * 100)),
            "parties": .array([person("applicant", born: 1965, to: 2004, withPhone: true), enterprise("respondent")]),
        ]
        var draft = Demo2025.CaseDraft(.mediation)
        draft.add("accept", time(on: date), by: pick(Self.mediationActors), data)
        return draft
    }

    /// Which organisation handles an ordinary dispute, and a category that fits it. The prison
    /// mediation room opened on 2025-05-13.
    mutating func mediationOrganization(on date: LocalDate, township: String) -> (String, String, String) {
        let roll = int(0...99)
        if roll >= 95, date >= Self.day(2025, 5, 13) {
            return ("prison_room", "柳城县大埔镇人民调解委员会驻柳城监狱调解工作室",
                    pick(["marriage_family", "marriage_family", "housing_homestead", "damages", "contract"]))
        }
        if roll >= 86, roll < 95 {
            let (name, category) = pick([("柳城县医疗纠纷人民调解委员会", "medical"), ("柳城县道路交通事故纠纷人民调解委员会", "traffic"),
                                         ("柳城县道路交通事故纠纷人民调解委员会", "traffic"), ("柳城县物业纠纷人民调解委员会", "property_mgmt"),
                                         ("柳城县消费纠纷人民调解委员会", "consumer")])
            return ("industry", name, category)
        }
        let category = pick(Self.ordinaryCategories)
        if roll >= 80 { return ("county", "柳城县人民调解委员会", category) }
        if roll >= 45 { return ("township", "\(township)人民调解委员会", category) }
        return ("village", "\(village(in: township))人民调解委员会", category)
    }

    static let ordinaryCategories: [String] = [
        ("neighbour", 22), ("marriage_family", 18), ("housing_homestead", 14), ("contract", 10), ("damages", 10),
        ("business", 5), ("labor", 4), ("consumer", 3), ("land_forest", 3), ("property_mgmt", 2),
        ("expropriation", 2), ("environment", 2), ("other", 5),
    ].flatMap { Array(repeating: $0.0, count: $0.1) }

    mutating func agree(_ draft: inout Demo2025.CaseDraft, at: Date, written: Bool) {
        var data: EventData = ["form": .string(written ? "written" : "oral")]
        if let claimed = draft.steps[0].data["amount"]?.numberValue, claimed > 0, chance(70) {
            data["amount"] = .number((claimed * Double(int(50...100)) / 100).rounded())
        }
        draft.add("agree", at, by: draft.steps[0].actor, data)
    }

    mutating func end(_ draft: inout Demo2025.CaseDraft, _ event: String, at: Date) {
        let reasons = event == "fail"
            ? ["双方分歧较大，调解不成", "一方拒绝调解", "当事人坚持诉讼解决", "赔偿数额差距大，调解不成"]
            : ["申请人撤回调解申请", "当事人已向法院起诉", "当事人自行和解", "一方下落不明"]
        draft.add(event, at, by: draft.steps[0].actor, ["reason": .string(pick(reasons))])
    }

    mutating func rule(_ draft: inout Demo2025.CaseDraft, at: Date) {
        let township = draft.steps[0].data["township"]?.stringValue ?? "大埔镇"
        draft.add("rule", at, by: draft.steps[0].actor,
                  ["authority": .string(pick(["柳城县人民政府", "\(township)人民政府"]))])
    }

    /// Applies for confirmation inside the 30 days of 人民调解法 art. 33 and gets it granted (in
    /// 2025 for agreements up to 20 November); optionally rejected once and applied for again.
    mutating func confirm(_ draft: inout Demo2025.CaseDraft, agreed: Date, rejectedFirst: Bool) {
        let actor = draft.steps[0].actor
        let court = ["court": JSONValue.string(Self.confirmationCourt)]
        if rejectedFirst {
            draft.add("apply_confirmation", later(agreed, days: 2...2), by: actor, court)
            draft.add("confirmation_rejected", later(agreed, days: 8...8, workday: true), by: actor,
                      ["reason": .string("申请材料不全，不予受理")])
            draft.add("apply_confirmation", later(agreed, days: 15...18), by: actor, court)
        } else {
            draft.add("apply_confirmation", later(agreed, days: 1...20), by: actor, court)
        }
        draft.add("confirmation_granted", later(draft.last, days: 3...10, workday: true), by: actor,
                  ["ruling_no": .string(rulingNumber(LocalDate(draft.last).year))])
    }

    mutating func rulingNumber(_ year: Int) -> String {
        "（\(year)）桂0222民特\(int(13...999))号"
    }

    // MARK: Court fees (诉讼费用交纳办法 art. 13)

    /// Cumulative bands for property cases: up to each bound, the rate on the part above the previous one.
    static let feeBands: [(upTo: Double, rate: Double)] = [
        (100_000, 0.025), (200_000, 0.02), (500_000, 0.015), (1_000_000, 0.01), (2_000_000, 0.009),
        (5_000_000, 0.008), (10_000_000, 0.007), (20_000_000, 0.006), (.infinity, 0.005),
    ]

    /// The full acceptance fee for an amount in dispute: 50 yuan up to 10,000, then by band.
    static func courtFee(_ amount: Double) -> Double {
        var fee = 50.0, lower = 10_000.0
        for band in feeBands where amount > lower {
            fee += (min(amount, band.upTo) - lower) * band.rate
            lower = band.upTo
        }
        return fee
    }

    /// The amount whose fee is `fee` (≥ 50).
    static func amount(forFee fee: Double) -> Double {
        var spent = 50.0, lower = 10_000.0
        for band in feeBands {
            let bandFee = (band.upTo - lower) * band.rate
            if fee <= spent + bandFee { return lower + (fee - spent) / band.rate }
            spent += bandFee
            lower = band.upTo
        }
        return lower
    }

    /// The claimed amounts of the cases confirmed in 2025, drawn fee-first so that the fees
    /// saved add up to `feeTarget`: two cases without an amount and one of 0 (50 yuan each), some
    /// small claims, and the rest around the remaining average; the last one balances the sum.
    mutating func confirmedAmounts(_ count: Int) -> [Double?] {
        var amounts: [Double?] = [nil, nil, 0]
        var spent = 150.0
        while amounts.count < count - 1 {
            if chance(15) {
                amounts.append(Double(int(10...100) * 100))
                spent += 50
                continue
            }
            let average = (Self.feeTarget - spent) / Double(count - amounts.count)
            let fee = max(60, average * Double(int(30...170)) / 100)
            let amount = Self.amount(forFee: fee).rounded()
            amounts.append(amount)
            spent += Self.courtFee(amount)
        }
        amounts.append(Self.amount(forFee: max(50, Self.feeTarget - spent)).rounded())
        return shuffled(amounts)
    }
}
