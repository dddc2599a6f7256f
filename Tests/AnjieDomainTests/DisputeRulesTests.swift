import AnjieDomain
import Testing

@Suite struct DisputeRulesTests {
    let register: EventData = [
        "channel": .string("police_push"), "category": .string("neighbour"), "township": .string("大埔镇"),
        "summary": .string("排水沟纠纷"), "parties": .array([samplePerson]),
    ]
    let assess: EventData = ["risk": .string("low"), "complexity": .string("simple"), "basis": .string("一般")]
    let route: EventData = ["unit": .string("县自然资源局"), "legal_channel": .string("行政调处"), "due": .string("2025-03-31")]

    @Test func theSixStepsReachClosedWithResolvedOutcome() throws {
        var fold = Fold(Workflows.of(DisputeRules.self))
        try fold.apply("register", register, at: "2025-03-02T09:30:00+08:00")
        #expect(fold.state == "registered")
        try fold.apply("start_mediation", ["mediator": .string("王")], at: "2025-03-02T10:00:00+08:00")
        #expect(fold.state == "mediating")
        try fold.apply("mediation_failed", ["reason": .string("refused")], at: "2025-03-03T10:00:00+08:00")
        #expect(fold.state == "assessing")
        try fold.apply("assess", assess, at: "2025-03-04T10:00:00+08:00")
        #expect(fold.state == "assessing")
        try fold.apply("route", route, at: "2025-03-04T11:00:00+08:00")
        #expect(fold.state == "routed")
        try fold.apply("follow_up", ["tier": .string("unit"), "kind": .string("weekly_review")], at: "2025-03-05T11:00:00+08:00")
        try fold.apply("supervise", ["notice": .string("督办"), "due": .string("2025-03-20")], at: "2025-03-06T11:00:00+08:00")
        #expect(fold.state == "supervising")
        try fold.apply("follow_up", ["tier": .string("grid"), "kind": .string("monthly_visit")], at: "2025-03-07T11:00:00+08:00")
        #expect(fold.state == "supervising")
        let resolve = try fold.apply("resolve", ["basis": .string("达成和解")], at: "2025-03-08T11:00:00+08:00")
        #expect(fold.state == "closed")
        #expect(resolve.outcome == .set("resolved"))
        #expect(resolve.closes)
    }

    @Test func everyOtherAllowedTransition() throws {
        var succeeded = Fold(Workflows.of(DisputeRules.self))
        try succeeded.apply("register", register, at: "2025-03-02")
        try succeeded.apply("start_mediation", ["mediator": .string("王")], at: "2025-03-02")
        let success = try succeeded.apply("mediation_succeeded", ["agreement": .string("书面协议")], at: "2025-03-03")
        #expect(succeeded.state == "closed" && success.outcome == .set("resolved"))
        #expect(success.data["agreement"] == .string("written"))
        let reopen = try succeeded.apply("reopen", ["reason": .string("回访发现反弹")], at: "2025-04-03")
        #expect(succeeded.state == "assessing" && reopen.outcome == .clear && !reopen.closes)

        var skipped = Fold(Workflows.of(DisputeRules.self))
        try skipped.apply("register", register, at: "2025-03-02")
        try skipped.apply("escalation", ["kind": .string("械斗")], at: "2025-03-02")
        #expect(skipped.state == "registered")
        try skipped.apply("skip_mediation", ["reason": .string("不适宜调解")], at: "2025-03-02")
        try skipped.apply("assess", assess, at: "2025-03-03")
        try skipped.apply("route", route, at: "2025-03-03")
        try skipped.apply("return", ["reason": .string("非本单位职责")], at: "2025-03-04")
        #expect(skipped.state == "assessing")
        try skipped.apply("assess", assess, at: "2025-03-05")
        try skipped.apply("route", route, at: "2025-03-05")
        try skipped.apply("resolve", ["basis": .string("办结")], at: "2025-03-06")
        #expect(skipped.state == "closed")

        for state in ["registered", "mediating", "assessing", "routed", "supervising"] {
            var fold = Fold(Workflows.of(DisputeRules.self))
            try fold.apply("register", register, at: "2025-03-02")
            switch state {
            case "mediating": try fold.apply("start_mediation", ["mediator": .string("王")], at: "2025-03-02")
            case "assessing": try fold.apply("skip_mediation", ["reason": .string("x")], at: "2025-03-02")
            case "routed", "supervising":
                try fold.apply("skip_mediation", ["reason": .string("x")], at: "2025-03-02")
                try fold.apply("assess", assess, at: "2025-03-02")
                try fold.apply("route", route, at: "2025-03-02")
                if state == "supervising" {
                    try fold.apply("supervise", ["notice": .string("n"), "due": .string("2025-03-09")], at: "2025-03-02")
                }
            default: break
            }
            #expect(fold.state == state)
            let close = try fold.apply("close", ["outcome": .string("转诉讼")], at: "2025-03-03")
            #expect(fold.state == "closed" && close.outcome == .set("to_litigation"))
        }
    }

    @Test func illegalEventsNameStateEventAndAllowedEvents() throws {
        var fold = Fold(Workflows.of(DisputeRules.self))
        #expect(fold.refusal("assess", assess, at: "2025-03-02") == "illegal-event")
        try fold.apply("register", register, at: "2025-03-02")
        do {
            try fold.apply("route", route, at: "2025-03-02")
            Issue.record("route from registered must be refused")
        } catch let error as DomainError {
            #expect(error.code.rawValue == "illegal-event")
            #expect(error.en.contains("registered") && error.en.contains("route") && error.en.contains("start_mediation"))
            #expect(error.zh.contains("登记受理"))
        }
        #expect(fold.refusal("register", register, at: "2025-03-02") == "illegal-event")
        #expect(fold.refusal("resolve", ["basis": .string("x")], at: "2025-03-02") == "illegal-event")
        #expect(fold.refusal("reopen", ["reason": .string("x")], at: "2025-03-02") == "illegal-event")
        #expect(fold.refusal("mediation_succeeded", ["agreement": .string("oral")], at: "2025-03-02") == "illegal-event")
        #expect(fold.refusal("no_such_event", at: "2025-03-02") == "unknown-event")
        #expect(fold.state == "registered")
    }

    @Test func routeNeedsAnAssessmentSinceEnteringAssessing() throws {
        var fold = Fold(Workflows.of(DisputeRules.self))
        try fold.apply("register", register, at: "2025-03-02")
        try fold.apply("skip_mediation", ["reason": .string("x")], at: "2025-03-02")
        #expect(fold.refusal("route", route, at: "2025-03-02") == "rule-violation")
        try fold.apply("assess", assess, at: "2025-03-03")
        try fold.apply("route", route, at: "2025-03-03")
        try fold.apply("return", ["reason": .string("x")], at: "2025-03-04")
        // Back in assessing: the earlier assessment no longer counts.
        #expect(fold.refusal("route", route, at: "2025-03-04") == "rule-violation")
    }

    @Test func eventsCannotPredateThePreviousEvent() throws {
        var fold = Fold(Workflows.of(DisputeRules.self))
        try fold.apply("register", register, at: "2025-03-02T10:00:00+08:00")
        #expect(fold.refusal("skip_mediation", ["reason": .string("x")], at: "2025-03-02T09:59:00+08:00") == "rule-violation")
    }

    @Test func dataIsValidatedAndNormalised() throws {
        var fold = Fold(Workflows.of(DisputeRules.self))
        var data = register
        data["channel"] = .string("警情推送")
        data["category"] = .string("婚姻家庭")
        data["amount"] = .string("1.2万")
        data["people_involved"] = .string("3")
        let decision = try fold.apply("登记受理", data, at: "2025-03-02")
        #expect(decision.data["channel"] == .string("police_push"))
        #expect(decision.data["category"] == .string("marriage_family"))
        #expect(decision.data["amount"] == .number(12000))
        #expect(decision.facts?.text["township"] == "大埔镇")
        #expect(decision.facts?.amount == 12000)

        var bad = register
        bad["channel"] = .string("carrier_pigeon")
        bad["extra"] = .string("x")
        bad.removeValue(forKey: "summary")
        var other = Fold(Workflows.of(DisputeRules.self))
        do {
            try other.apply("register", bad, at: "2025-03-02")
            Issue.record("bad data must be refused")
        } catch let error as DomainError {
            #expect(Set(error.fields.map(\.field)) == ["channel", "extra", "summary"])
            #expect(Set(error.fields.map(\.rule)) == ["enum", "unknown-field", "required"])
        }
    }

    @Test func mermaidAndListingsComeFromTheSameTable() {
        let workflow = Workflows.of(DisputeRules.self)
        #expect(workflow.allowedEvents(in: nil) == ["register"])
        #expect(workflow.allowedEvents(in: "closed") == ["reopen"])
        #expect(workflow.allowedEvents(in: "routed") == ["return", "supervise", "follow_up", "resolve", "close", "escalation"])
    }
}
