import AnjieDomain
import Testing

@Suite struct ReviewRulesTests {
    static let workflow = Workflows.of(ReviewRules.self)

    static let receive: EventData = [
        "respondent": .string("柳城县市场监督管理局"), "act": .string("行政处罚决定书（柳市监罚〔2025〕12号）"),
        "act_date": .string("2025-07-01"), "known_date": .string("2025/7/3"), "channel": .string("窗口递交"),
        "parties": .array([samplePerson]), "amount": .number(2000), "township": .string("大埔镇"),
    ]
    static let ordinary: EventData = ["procedure": .string("ordinary")]
    static let simplified: EventData = ["procedure": .string("简易程序")]
    static let toOrdinary: EventData = ["to": .string("ordinary")]

    static func accepted(_ procedure: EventData) throws -> Fold {
        var fold = Fold(workflow)
        try fold.apply("receive", receive, at: "2025-08-01T10:00:00+08:00")
        try fold.apply("accept", procedure, at: "2025-08-04")
        return fold
    }

    static func walks() throws -> [Fold] {
        var decided = Fold(workflow)
        try decided.step("receive", receive, at: "2025-08-01T10:00:00+08:00", to: "received")
        try decided.step("request_correction", ["items": .array([.string("身份证明"), .string("行政行为材料")])], at: "2025-08-04", to: "correcting")
        try decided.step("corrected", at: "2025-08-08", to: "received")
        try decided.step("accept", ordinary, at: "2025-08-11", to: "accepted")
        try decided.step("hearing", ["date": .string("2025-09-01"), "public": .bool(true)], at: "2025-08-20", to: "accepted")
        try decided.step("extend", ["days": .number(30)], at: "2025-09-20", to: "accepted")
        try decided.step("suspend", ["ground": .string("申请人丧失参加复议的能力")], at: "2025-09-25", to: "suspended")
        try decided.step("resume", at: "2025-10-20", to: "accepted")
        try decided.step("decide", ["outcome": .string("撤销")], at: "2025-11-10", to: "decided")

        var abandoned = Fold(workflow)
        try abandoned.step("receive", receive, at: "2025-08-01", to: "received")
        try abandoned.step("request_correction", ["items": .string("身份证明；委托书")], at: "2025-08-04", to: "correcting")
        try abandoned.step("abandon", at: "2025-08-20", to: "abandoned")

        var rejected = Fold(workflow)
        try rejected.step("receive", receive, at: "2025-08-01", to: "received")
        try rejected.step("reject", ["reason": .string("超过申请期限")], at: "2025-08-05", to: "rejected")

        var converted = Fold(workflow)
        try converted.step("receive", receive, at: "2025-08-01", to: "received")
        try converted.step("accept", simplified, at: "2025-08-04", to: "accepted")
        try converted.step("convert_procedure", toOrdinary, at: "2025-08-10", to: "accepted")
        try converted.step("extend", ["days": .number(10)], at: "2025-09-20", to: "accepted")
        try converted.step("terminate", ["reason": .string("withdrawn")], at: "2025-09-25", to: "terminated")

        var suspendedThenTerminated = Fold(workflow)
        try suspendedThenTerminated.step("receive", receive, at: "2025-08-01", to: "received")
        try suspendedThenTerminated.step("accept", ordinary, at: "2025-08-04", to: "accepted")
        try suspendedThenTerminated.step("suspend", ["ground": .string("双方自愿调解")], at: "2025-08-10", to: "suspended")
        try suspendedThenTerminated.step("terminate", ["reason": .string("和解")], at: "2025-10-10", to: "terminated")

        return [decided, abandoned, rejected, converted, suspendedThenTerminated]
    }

    @Test func walksCoverEveryAllowedTransition() throws {
        #expect(Fold.unwalked(Self.workflow, by: try Self.walks()) == [])
        #expect(Fold(Self.workflow).disallowedButNotRefused(at: "2025-08-01") == [])
    }

    @Test func closedStatesAndOutcomes() throws {
        #expect(Set(Self.workflow.states.filter(\.closed).map(\.id)) == ["decided", "terminated", "rejected", "abandoned"])
        let walks = try Self.walks()
        let last = walks.map { $0.decisions.last! }
        #expect(last.map(\.outcome) == [.set("revoke"), .set("abandoned"), .set("rejected"), .set("terminated"), .set("terminated")])
        #expect(last.allSatisfy { $0.closes })
        let earlier = walks.flatMap { $0.decisions.dropLast() }
        #expect(earlier.allSatisfy { $0.outcome == .keep && !$0.closes })
    }

    @Test func receiveNormalisesDatesAndFillsTheFacts() throws {
        var fold = Fold(Self.workflow)
        let decision = try fold.apply("receive", Self.receive, at: "2025-08-01")
        #expect(decision.data["known_date"] == .string("2025-07-03"))
        #expect(decision.facts?.text["channel"] == "窗口递交")
        #expect(decision.facts?.text["township"] == "大埔镇")
        #expect(decision.facts?.amount == 2000)

        var withoutDates = Self.receive
        withoutDates["act_date"] = nil
        withoutDates["known_date"] = .string("2025-13-01")
        let error = try #require(Fold(Self.workflow).error("receive", withoutDates, at: "2025-08-01"))
        #expect(error.code.rawValue == "invalid-data")
        #expect(Set(error.fields.map(\.field)) == ["act_date", "known_date"])
    }

    @Test func convertOnlyFromSimplifiedAndOnlyToOrdinary() throws {
        let ordinary = try Self.accepted(Self.ordinary)
        let fromOrdinary = try #require(ordinary.error("convert_procedure", Self.toOrdinary, at: "2025-08-10"))
        #expect(fromOrdinary.code.rawValue == "rule-violation")

        var simplified = try Self.accepted(Self.simplified)
        #expect(simplified.error("convert_procedure", ["to": .string("simplified")], at: "2025-08-10")?.code.rawValue == "rule-violation")
        #expect(simplified.error("convert_procedure", ["to": .string("fast")], at: "2025-08-10")?.code.rawValue == "invalid-data")
        #expect(simplified.error("convert_procedure", at: "2025-08-10")?.code.rawValue == "invalid-data")
        try simplified.apply("convert_procedure", ["to": .string("普通程序")], at: "2025-08-10")
        #expect(simplified.snapshot?.context.objectValue?["procedure"] == .string("ordinary"))
        #expect(simplified.refusal("convert_procedure", Self.toOrdinary, at: "2025-08-11") == "rule-violation")
    }

    @Test func extendIsOnceUpToThirtyDaysUnderTheOrdinaryProcedure() throws {
        var fold = try Self.accepted(Self.ordinary)
        #expect(fold.error("extend", ["days": .number(0)], at: "2025-09-20")?.code.rawValue == "invalid-data")
        #expect(fold.error("extend", ["days": .number(31)], at: "2025-09-20")?.fields.map(\.field) == ["days"])
        #expect(fold.error("extend", ["days": .number(1)], at: "2025-09-20") == nil)
        try fold.apply("extend", ["days": .string("30")], at: "2025-09-20")
        #expect(fold.snapshot?.context.objectValue?["extensionDays"] == .number(30))
        let twice = try #require(fold.error("extend", ["days": .number(5)], at: "2025-09-21"))
        #expect(twice.code.rawValue == "rule-violation")
        #expect(twice.en.contains("only once"))

        // Suspension does not reset the one extension.
        try fold.apply("suspend", ["ground": .string("中止")], at: "2025-09-22")
        try fold.apply("resume", at: "2025-09-25")
        #expect(fold.refusal("extend", ["days": .number(5)], at: "2025-09-26") == "rule-violation")
    }

    @Test func simplifiedProcedureCannotBeExtendedUntilConverted() throws {
        var fold = try Self.accepted(Self.simplified)
        #expect(fold.error("extend", ["days": .number(10)], at: "2025-08-20")?.code.rawValue == "rule-violation")
        try fold.apply("convert_procedure", Self.toOrdinary, at: "2025-08-21")
        #expect(fold.error("extend", ["days": .number(10)], at: "2025-08-22") == nil)
    }

    @Test func hearingNeedsDateAndPublicFlag() throws {
        let fold = try Self.accepted(Self.ordinary)
        let missing = try #require(fold.error("hearing", ["date": .string("2025-09-01")], at: "2025-08-20"))
        #expect(missing.code.rawValue == "invalid-data" && missing.fields.map(\.field) == ["public"])
        #expect(fold.error("hearing", ["date": .string("2025-09-01"), "public": .bool(false)], at: "2025-08-20") == nil)
        #expect(fold.error("hearing", ["date": .string("2025-09-01"), "public": .string("公开")], at: "2025-08-20") == nil)
    }

    @Test func decideAndTerminateTakeTheirVocabularies() throws {
        let fold = try Self.accepted(Self.ordinary)
        for outcome in Vocabulary.reviewOutcome.options {
            let decision = try #require(try? fold.workflow.decide(
                fold.snapshot, event: "decide", data: ["outcome": .string(outcome.zh)], at: Timestamp.parse("2025-09-01")!))
            #expect(decision.outcome == .set(outcome.id))
        }
        #expect(fold.error("decide", ["outcome": .string("partly")], at: "2025-09-01")?.code.rawValue == "invalid-data")
        #expect(fold.error("terminate", ["reason": .string("bored")], at: "2025-09-01")?.code.rawValue == "invalid-data")
        #expect(fold.error("terminate", ["reason": .string("death")], at: "2025-09-01") == nil)
    }

    @Test func illegalEventsAreRefused() throws {
        var fold = Fold(Self.workflow)
        #expect(fold.refusal("accept", Self.ordinary, at: "2025-08-01") == "illegal-event")
        try fold.apply("receive", Self.receive, at: "2025-08-01")
        #expect(fold.refusal("receive", Self.receive, at: "2025-08-01") == "illegal-event")
        #expect(fold.refusal("hearing", ["date": .string("2025-09-01"), "public": .bool(true)], at: "2025-08-02") == "illegal-event")
        #expect(fold.refusal("corrected", at: "2025-08-02") == "illegal-event")
        #expect(fold.refusal("abandon", at: "2025-08-02") == "illegal-event")
        #expect(fold.refusal("decide", ["outcome": .string("uphold")], at: "2025-08-02") == "illegal-event")
        try fold.apply("request_correction", ["items": .string("身份证明")], at: "2025-08-02")
        #expect(fold.refusal("accept", Self.ordinary, at: "2025-08-03") == "illegal-event")
        #expect(fold.refusal("reject", ["reason": .string("x")], at: "2025-08-03") == "illegal-event")
        try fold.apply("corrected", at: "2025-08-05")
        try fold.apply("accept", Self.ordinary, at: "2025-08-06")
        #expect(fold.refusal("resume", at: "2025-08-07") == "illegal-event")
        try fold.apply("suspend", ["ground": .string("中止")], at: "2025-08-07")
        let error = try #require(fold.error("decide", ["outcome": .string("uphold")], at: "2025-08-08"))
        #expect(error.code.rawValue == "illegal-event")
        #expect(error.en.contains("state suspended") && error.en.contains("allowed events: resume, terminate"))
        #expect(fold.refusal("hearing", ["date": .string("2025-09-01"), "public": .bool(true)], at: "2025-08-08") == "illegal-event")
        #expect(fold.refusal("extend", ["days": .number(10)], at: "2025-08-08") == "illegal-event")
        try fold.apply("resume", at: "2025-08-20")
        try fold.apply("decide", ["outcome": .string("uphold")], at: "2025-09-20")
        #expect(fold.refusal("terminate", ["reason": .string("other")], at: "2025-09-21") == "illegal-event")
        #expect(fold.refusal("suspend", ["ground": .string("x")], at: "2025-09-21") == "illegal-event")
    }
}
