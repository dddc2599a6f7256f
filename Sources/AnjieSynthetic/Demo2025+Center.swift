import AnjieDomain
import Foundation

/// The county comprehensive governance centre (县综治中心): `dispute` and `matter` cases and the
/// reception and desk logs of site `center` — the `center.*` figures.
///
/// Disputes registered in 2025: 145 (103 police push, 42 walk-in, dealt at random over the cohorts).
///
/// Resolved at year end (53): 30 closed by `mediation_succeeded`; 20 routed and closed by
/// `resolve`; one resolved, reopened and resolved again in 2025; one resolved in December and
/// reopened in January 2026 (still resolved at year end); one escalated, then routed and resolved.
///
/// Not resolved (92): 20 routed cases whose follow-up met the cadence (12 open at year end, two
/// of which close in 2026, and 8 closed by `close` in 2025); 22 routed cases whose follow-up did
/// not (a gap of two weeks between weekly reviews, a tier missing — two of them after a `return`
/// and a second `route` — no monthly visit, or follow-up that stopped in the autumn); one resolved
/// case reopened and open at year end; 25 closed by `close` (withdrawn, other, to_litigation)
/// without being routed; 24 registered in November–December and still in registered, mediating
/// or assessing at year end (three of them move in 2026, one at 07:00 on New Year's Day, which is
/// still 31 December in UTC).
///
/// The cadence cases are built so the answer does not hang on how a gap is measured: weekly
/// reviews come every 6 days (± 90 minutes), monthly visits every 28 days, from the first `route`
/// to closure or past year end; the failing ones miss by a week or more, or lack a tier outright.
extension Demo2025.Builder {
    static let centerActors = (1...8).map { "zz-clerk-\(String(format: "%02d", $0))" }

    mutating func addCenter() {
        var drafts: [Demo2025.CaseDraft] = []
        var channels = deck([("police_push", 103), ("walk_in", 42)])
        func channel() -> String { channels.removeLast() }
        let from = Self.day(2025, 1, 3)

        // Resolved at year end: 30 by mediation first.
        for _ in 0..<30 {
            var draft = openDispute(on: workday(from, Self.day(2025, 12, 18)), channel: channel())
            startMediation(&draft)
            succeed(&draft, at: later(draft.last, days: 1...12, notAfter: Self.day(2025, 12, 30)))
            drafts.append(draft)
        }
        // 20 routed and resolved.
        for _ in 0..<20 {
            var draft = openDispute(on: workday(from, Self.day(2025, 10, 31)), channel: channel())
            let route = toRoute(&draft)
            let resolved = later(route, days: 10...60, notAfter: Self.day(2025, 12, 28))
            followUp(&draft, route: route, until: resolved, plan: FollowUpPlan(), supervise: chance(40))
            resolve(&draft, at: resolved)
            drafts.append(draft)
        }
        // Resolved, reopened and resolved again, all in 2025.
        do {
            var draft = openDispute(on: Self.day(2025, 3, 10), channel: channel())
            startMediation(&draft)
            succeed(&draft, at: at(Self.day(2025, 3, 20), 10, 0))
            reopen(&draft, at: at(Self.day(2025, 5, 6), 9, 30))
            let route = toRoute(&draft)
            let resolved = at(Self.day(2025, 7, 15), 16, 0)
            followUp(&draft, route: route, until: resolved, plan: FollowUpPlan(), supervise: true)
            resolve(&draft, at: resolved)
            drafts.append(draft)
        }
        // Resolved in December, reopened in January 2026: resolved at year end.
        do {
            var draft = openDispute(on: Self.day(2025, 12, 8), channel: channel())
            startMediation(&draft)
            succeed(&draft, at: at(Self.day(2025, 12, 19), 11, 0))
            reopen(&draft, at: at(Self.day(2026, 1, 9), 10, 0))
            draft.add("assess", at(Self.day(2026, 1, 12), 15, 0), by: draft.steps[0].actor, assessment())
            drafts.append(draft)
        }
        // Escalated while registered, then routed and resolved.
        do {
            var draft = openDispute(on: Self.day(2025, 8, 4), channel: channel())
            draft.add("escalation", at(Self.day(2025, 8, 5), 20, 40), by: draft.steps[0].actor, ["kind": .string("group_petition")])
            let route = toRoute(&draft)
            let resolved = at(Self.day(2025, 10, 20), 16, 30)
            followUp(&draft, route: route, until: resolved, plan: FollowUpPlan(), supervise: true)
            resolve(&draft, at: resolved)
            drafts.append(draft)
        }

        // Not resolved: 12 routed cases followed at the cadence and open at year end (two close in 2026).
        for index in 0..<12 {
            var draft = openDispute(on: workday(Self.day(2025, 9, 1), Self.day(2025, 11, 10)), channel: channel())
            let route = toRoute(&draft)
            let until = at(Self.day(2026, 1, int(5...20)), 10, 0)
            followUp(&draft, route: route, until: until, plan: FollowUpPlan(), supervise: chance(50))
            if index < 2 { close(&draft, "to_litigation", at: until) }
            drafts.append(draft)
        }
        // 8 followed at the cadence and closed, not resolved, in 2025.
        for outcome in deck([("to_litigation", 4), ("other", 2), ("withdrawn", 2)]) {
            var draft = openDispute(on: workday(Self.day(2025, 2, 3), Self.day(2025, 10, 15)), channel: channel())
            let route = toRoute(&draft)
            let closed = later(route, days: 30...60, notAfter: Self.day(2025, 12, 28))
            followUp(&draft, route: route, until: closed, plan: FollowUpPlan(), supervise: chance(40))
            close(&draft, outcome, at: closed)
            drafts.append(draft)
        }
        // 22 routed cases that missed the cadence.
        for (index, flaw) in deck([("gap", 6), ("tier", 5), ("monthly", 5), ("stopped", 6)]).enumerated() {
            var draft = openDispute(on: workday(Self.day(2025, 3, 3), Self.day(2025, 9, 30)), channel: channel())
            var route = toRoute(&draft)
            var plan = FollowUpPlan()
            switch flaw {
            case "gap": plan.gapAfter = int(0...2)
            case "tier": plan.tiers = pick([["unit", "township"], ["unit", "grid"], ["township", "grid"]])
            case "monthly": plan.monthly = false
            default: plan.stopAt = later(route, days: 20...40)
            }
            if flaw == "tier", index % 2 == 0 {
                // The unit objects and the centre routes it elsewhere; the missing tier stays missing.
                draft.add("return", later(route, days: 1...2), by: draft.steps[0].actor,
                          ["reason": .string("不属于本单位职责范围")])
                route = toRoute(&draft)
            }
            if flaw != "stopped", chance(40) {
                let closed = later(route, days: 45...90, notAfter: Self.day(2025, 12, 28))
                followUp(&draft, route: route, until: closed, plan: plan, supervise: chance(50))
                close(&draft, pick(["to_litigation", "other"]), at: closed)
            } else {
                followUp(&draft, route: route, until: at(Self.day(2026, 1, int(5...15)), 10, 0), plan: plan, supervise: chance(50))
            }
            drafts.append(draft)
        }
        // Resolved by mediation, reopened after a return visit, routed again and open at year end.
        do {
            var draft = openDispute(on: Self.day(2025, 4, 14), channel: channel())
            startMediation(&draft)
            succeed(&draft, at: at(Self.day(2025, 4, 22), 15, 0))
            reopen(&draft, at: at(Self.day(2025, 6, 3), 10, 0))
            let route = toRoute(&draft)
            var plan = FollowUpPlan()
            plan.tiers = ["unit", "township"]
            followUp(&draft, route: route, until: at(Self.day(2026, 1, 9), 10, 0), plan: plan, supervise: true)
            drafts.append(draft)
        }
        // 25 closed without routing: 10 withdrawn at once, 8 during mediation, 7 sent to court after assessment.
        for path in deck([("registered", 10), ("mediating", 8), ("assessing", 7)]) {
            var draft = openDispute(on: workday(Self.day(2025, 1, 6), Self.day(2025, 12, 10)), channel: channel())
            switch path {
            case "registered":
                close(&draft, "withdrawn", at: later(draft.last, days: 0...5))
            case "mediating":
                startMediation(&draft)
                close(&draft, pick(["withdrawn", "withdrawn", "other"]), at: later(draft.last, days: 1...10))
            default:
                startMediation(&draft)
                draft.add("mediation_failed", later(draft.last, days: 1...8), by: draft.steps[0].actor, ["reason": .string("当事人拒绝调解")])
                draft.add("assess", later(draft.last, days: 0...3), by: draft.steps[0].actor, assessment())
                close(&draft, "to_litigation", at: later(draft.last, days: 1...10, notAfter: Self.day(2025, 12, 30)))
            }
            drafts.append(draft)
        }
        // 24 registered late in the year and not yet routed at year end; three move in January 2026.
        var movesIn2026 = ["registered": 1, "mediating": 2]
        for stage in deck([("registered", 8), ("mediating", 8), ("assessing", 8)]) {
            var draft = openDispute(on: workday(Self.day(2025, 11, 3), Self.day(2025, 12, 29)), channel: channel())
            let limit = Self.day(2025, 12, 30)
            let moves = (movesIn2026[stage] ?? 0) > 0
            if moves { movesIn2026[stage]! -= 1 }
            switch stage {
            case "registered":
                if moves { close(&draft, "withdrawn", at: at(Self.day(2026, 1, 7), 9, 0)) }
            case "mediating":
                draft.add("start_mediation", later(draft.last, days: 0...3, notAfter: limit), by: draft.steps[0].actor,
                          ["mediator": .string(personName())])
                // One at 07:00 on 1 January 2026 (31 December in UTC): still unresolved at year end.
                if moves { succeed(&draft, at: movesIn2026["mediating"] == 1 ? at(Self.day(2026, 1, 1), 7, 0) : at(Self.day(2026, 1, 6), 15, 0)) }
            default:
                draft.add("skip_mediation", later(draft.last, days: 0...2, notAfter: limit), by: draft.steps[0].actor,
                          ["reason": .string("涉及职能部门职责，需研判后流转")])
                if chance(50) {
                    draft.add("assess", later(draft.last, days: 0...2, notAfter: limit), by: draft.steps[0].actor, assessment())
                }
            }
            drafts.append(draft)
        }
        assert(channels.isEmpty, "145 disputes registered in 2025")

        // Registered outside 2025: six from late 2024 ending in 2025, two in January 2026.
        for index in 0..<6 {
            var draft = openDispute(on: workday(Self.day(2024, 11, 18), Self.day(2024, 12, 27)),
                                    channel: pick(Vocabulary.disputeChannel.ids))
            if index < 3 {
                startMediation(&draft)
                succeed(&draft, at: time(on: workday(Self.day(2025, 1, 6), Self.day(2025, 1, 24))))
            } else {
                let route = toRoute(&draft)
                let ended = time(on: workday(Self.day(2025, 2, 10), Self.day(2025, 3, 28)))
                followUp(&draft, route: route, until: ended, plan: FollowUpPlan(), supervise: false)
                if index < 5 { resolve(&draft, at: ended) } else { close(&draft, "other", at: ended) }
            }
            drafts.append(draft)
        }
        for source in ["hotline_12345", "grid_report"] {
            var draft = openDispute(on: workday(Self.day(2026, 1, 5), Self.day(2026, 1, 16)), channel: source)
            startMediation(&draft)
            drafts.append(draft)
        }
        emit(drafts)
        addMatters()
        addCenterLogs()
    }

    // MARK: Other matters (34 in 2025, 22 legal consultations)

    mutating func addMatters() {
        var drafts: [Demo2025.CaseDraft] = []
        let summaries = [
            "legal_consultation": ["咨询土地承包经营权流转合同效力", "咨询离婚财产分割", "咨询工伤认定程序", "咨询民间借贷诉讼时效",
                                   "咨询宅基地使用权继承", "咨询拖欠工资维权途径", "咨询交通事故赔偿标准"],
            "assistance": ["协助办理法律援助申请", "协助联系社区矫正对象家属", "协助申请司法救助", "协助调取调解卷宗"],
            "other": ["群众反映村道路灯损坏", "转交信访材料", "反映噪声扰民"],
        ]
        for (index, kind) in deck([("legal_consultation", 22), ("assistance", 8), ("other", 4)]).enumerated() {
            let registered = index < 2 ? workday(Self.day(2025, 12, 22), Self.day(2025, 12, 30))
                : workday(Self.day(2025, 1, 3), Self.day(2025, 12, 19))
            var draft = openMatter(on: registered, kind: kind, summary: pick(summaries[kind]!))
            if index >= 2 {
                draft.add("close", later(draft.last, days: 0...7), by: draft.steps[0].actor,
                          ["result": .string(kind == "legal_consultation" ? "已当场解答" : "已办结并告知当事人")])
            }
            drafts.append(draft)
        }
        for (date, kind) in [(Self.day(2024, 12, 12), "legal_consultation"), (Self.day(2024, 12, 23), "assistance"),
                             (Self.day(2026, 1, 8), "legal_consultation")] {
            var draft = openMatter(on: date, kind: kind, summary: pick(summaries[kind]!))
            draft.add("close", later(draft.last, days: 0...3), by: draft.steps[0].actor, ["result": .string("已办结")])
            drafts.append(draft)
        }
        emit(drafts)
    }

    mutating func openMatter(on date: LocalDate, kind: String, summary: String) -> Demo2025.CaseDraft {
        var data: EventData = ["kind": .string(kind), "township": .string(pick(townships)), "summary": .string(summary)]
        if chance(60) { data["parties"] = .array([person("applicant", withPhone: true)]) }
        var draft = Demo2025.CaseDraft(.matter)
        draft.add("register", time(on: date), by: pick(Self.centerActors), data)
        return draft
    }

    // MARK: Logs (263 receptions, 125 desk consultations at the centre in 2025)

    mutating func addCenterLogs() {
        let center: EventData = ["site": .string("center")]
        logs(263, .reception, from: Self.day(2025, 1, 2), to: Self.day(2025, 12, 31), by: Self.centerActors, center)
        logs(125, .deskConsultation, from: Self.day(2025, 1, 2), to: Self.day(2025, 12, 31), by: Self.centerActors, center)
        logs(4, .reception, from: Self.day(2024, 12, 2), to: Self.day(2024, 12, 31), by: Self.centerActors, center)
        logs(3, .reception, from: Self.day(2026, 1, 5), to: Self.day(2026, 1, 16), by: Self.centerActors, center)
        logs(2, .deskConsultation, from: Self.day(2024, 12, 2), to: Self.day(2024, 12, 31), by: Self.centerActors, center)
        logs(2, .deskConsultation, from: Self.day(2026, 1, 5), to: Self.day(2026, 1, 16), by: Self.centerActors, center)
    }

    // MARK: Steps

    static let policeCategories = ["neighbour", "neighbour", "neighbour", "damages", "damages", "marriage_family",
                                   "marriage_family", "traffic", "consumer", "housing_homestead", "other"]
    static let walkInCategories = ["housing_homestead", "land_forest", "labor", "labor", "contract", "expropriation",
                                   "property_mgmt", "environment", "neighbour", "marriage_family", "business"]

    mutating func openDispute(on date: LocalDate, channel: String) -> Demo2025.CaseDraft {
        let category = channel == "police_push" ? pick(Self.policeCategories) : pick(Self.walkInCategories)
        let township = pick(townships)
        var data: EventData = [
            "channel": .string(channel), "category": .string(category), "township": .string(township),
            "summary": .string(disputeSummary(category, township: township, channel: channel)), "parties": disputants(),
        ]
        if chance(40) { data["people_involved"] = .number(Double(int(2...30))) }
        if chance(50) { data["amount"] = .number(Double(int(5...500) * 100)) }
        var draft = Demo2025.CaseDraft(.dispute)
        draft.add("register", time(on: date), by: pick(Self.centerActors), data)
        return draft
    }

    mutating func disputeSummary(_ category: String, township: String, channel: String) -> String {
        let place = village(in: township)
        let text: String
        switch category {
        case "neighbour": text = pick(["\(place)两户因排水沟堵塞发生争执", "\(place)邻里因修建围墙占道引发纠纷", "\(place)村民因饲养家禽毁坏庄稼发生口角"])
        case "damages": text = pick(["\(place)村民斗殴致一人轻微伤，双方就赔偿协商未果", "\(place)耕牛走失损毁他人果树引发赔偿争议"])
        case "marriage_family": text = pick(["\(place)夫妻因家庭琐事争吵报警", "\(place)兄弟因赡养老人费用分担产生矛盾"])
        case "traffic": text = pick(["\(township)圩日两车剐蹭，双方就维修费用争执", "\(place)电动车与摩托车碰撞致一人受伤"])
        case "consumer": text = "\(township)商户与顾客因退货争执"
        case "housing_homestead": text = pick(["\(place)两户宅基地界线争议", "\(place)建房滴水檐越界引发纠纷"])
        case "land_forest": text = pick(["\(place)承包地边界争议", "\(place)林地界址不清引发争执"])
        case "labor": text = pick(["\(township)某企业拖欠12名工人工资", "\(township)工地包工头拖欠务工人员工资"])
        case "contract": text = "\(place)甘蔗收购合同价款争议"
        case "expropriation": text = "\(place)征地补偿款分配争议"
        case "property_mgmt": text = "柳城县城某小区业主与物业公司因物业费发生纠纷"
        case "environment": text = "\(place)养殖场气味扰民引发投诉"
        case "business": text = "\(township)两家砂石场因运输道路使用发生纠纷"
        default: text = "\(place)村民之间因琐事发生纠纷"
        }
        return channel == "police_push" ? "110警情推送：" + text : text
    }

    mutating func startMediation(_ draft: inout Demo2025.CaseDraft) {
        draft.add("start_mediation", later(draft.last, days: 0...2), by: draft.steps[0].actor, ["mediator": .string(personName())])
    }

    mutating func succeed(_ draft: inout Demo2025.CaseDraft, at: Date) {
        draft.add("mediation_succeeded", at, by: draft.steps[0].actor, ["agreement": .string(chance(70) ? "written" : "oral")])
    }

    mutating func assessment() -> EventData {
        ["risk": .string(pick(["low", "low", "medium", "medium", "high"])),
         "complexity": .string(pick(["simple", "complex", "complex", "difficult"])),
         "basis": .string(pick(["涉及人数较多，存在矛盾激化风险", "历史遗留问题，需职能部门依法处理", "当事人情绪激动，需持续跟进", "权属不清，需调查核实"]))]
    }

    /// From registered (or after a reopen / return, from assessing) to routed; returns the time of `route`.
    mutating func toRoute(_ draft: inout Demo2025.CaseDraft) -> Date {
        let actor = draft.steps[0].actor
        switch draft.steps[draft.steps.count - 1].event {
        case "register", "escalation":
            if chance(50) {
                startMediation(&draft)
                draft.add("mediation_failed", later(draft.last, days: 1...7), by: actor,
                          ["reason": .string(pick(["当事人拒绝调解", "双方分歧较大"]))])
            } else {
                draft.add("skip_mediation", later(draft.last, days: 0...2), by: actor,
                          ["reason": .string("涉及职能部门职责，需研判后流转")])
            }
        default:
            break
        }
        draft.add("assess", later(draft.last, days: 0...3), by: actor, assessment())
        let routed = later(draft.last, days: 0...2)
        draft.add("route", routed, by: actor, [
            "unit": .string(responsibleUnit(draft.steps[0].data)),
            "legal_channel": .string(pick(["人民调解", "行政调解", "行政裁决", "劳动仲裁", "诉讼", "信访", "行政复议"])),
            "due": .string(LocalDate(routed).adding(days: int(15...30)).description),
        ])
        return routed
    }

    func responsibleUnit(_ registration: EventData) -> String {
        let township = registration["township"]?.stringValue ?? "大埔镇"
        switch registration["category"]?.stringValue ?? "other" {
        case "land_forest", "expropriation": return "柳城县自然资源局"
        case "labor": return "柳城县人力资源和社会保障局"
        case "traffic": return "柳城县公安局交通管理大队"
        case "consumer": return "柳城县市场监督管理局"
        case "environment": return "柳州市柳城生态环境局"
        case "property_mgmt", "housing_homestead": return "柳城县住房和城乡建设局"
        case "medical": return "柳城县卫生健康局"
        default: return "\(township)人民政府"
        }
    }

    mutating func reopen(_ draft: inout Demo2025.CaseDraft, at: Date) {
        draft.add("reopen", at, by: draft.steps[0].actor, ["reason": .string("回访发现纠纷反弹")])
    }

    mutating func resolve(_ draft: inout Demo2025.CaseDraft, at: Date) {
        draft.add("resolve", at, by: draft.steps[0].actor,
                  ["basis": .string(pick(["责任单位依法处理，双方签订和解协议", "经行政调解达成协议并履行", "经确权处理，当事人服从"]))])
    }

    mutating func close(_ draft: inout Demo2025.CaseDraft, _ outcome: String, at: Date) {
        draft.add("close", at, by: draft.steps[0].actor, ["outcome": .string(outcome)])
    }

    /// How a routed case is followed up; the default meets the cadence of
    /// `center.unresolved_followed_cadence`.
    struct FollowUpPlan {
        var tiers = ["unit", "township", "grid"]
        var monthly = true
        /// Weekly review after which the next one comes two to three weeks late.
        var gapAfter: Int?
        /// Follow-up stops here although the case stays open.
        var stopAt: Date?
    }

    /// Weekly reviews every 6 days (tiers in turn), monthly visits every 28 days from 8–20 days
    /// after `route`, and an optional `supervise`, in office hours and strictly before `until`.
    /// Days are counted from the day of `route`, so times do not drift: consecutive weekly reviews
    /// are 6 days ± 9.5 hours apart, monthly visits 28 days ± 9.5 hours.
    mutating func followUp(_ draft: inout Demo2025.CaseDraft, route: Date, until end: Date, plan: FollowUpPlan, supervise: Bool) {
        let stop = min(end, plan.stopAt ?? end)
        let routeDay = LocalDate(route)
        var items: [(at: Date, event: String, data: EventData)] = []
        var days = 0
        var weekly = 0
        let offset = int(0...2)
        while true {
            days += plan.gapAfter == weekly ? int(14...20) : 6
            let t = time(on: routeDay.adding(days: days))
            guard t < stop else { break }
            var data: EventData = ["tier": .string(plan.tiers[(offset + weekly) % plan.tiers.count]), "kind": .string("weekly_review")]
            if chance(25) { data["note"] = .string(pick(["双方情绪稳定", "责任单位已约谈双方", "网格员入户走访，暂无反弹", "待补充证据材料"])) }
            items.append((t, "follow_up", data))
            weekly += 1
        }
        if plan.monthly {
            var visitDays = int(8...20)
            while true {
                let m = time(on: routeDay.adding(days: visitDays))
                guard m < stop else { break }
                items.append((m, "follow_up", ["tier": .string(pick(plan.tiers)), "kind": .string("monthly_visit")]))
                visitDays += 28
            }
        }
        if supervise {
            let s = time(on: routeDay.adding(days: int(9...16)))
            if s < stop {
                items.append((s, "supervise", ["notice": .string("柳综治督〔\(LocalDate(s).year)〕\(int(1...200))号"),
                                               "due": .string(LocalDate(s).adding(days: 15).description)]))
            }
        }
        for item in items.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }).map(\.element) {
            draft.add(item.event, item.at, by: draft.steps[0].actor, item.data)
        }
    }
}
