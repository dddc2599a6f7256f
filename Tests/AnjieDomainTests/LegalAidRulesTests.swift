import AnjieDomain
import Testing

@Suite struct LegalAidRulesTests {
    static let workflow = Workflows.of(LegalAidRules.self)

    static let apply: EventData = [
        "case_type": .string("civil"), "matter": .string("追索劳动报酬"),
        "population": .array([.string("农民工"), .string("women")]), "parties": .array([samplePerson]),
        "township": .string("沙埔镇"),
    ]
    static let notify: EventData = [
        "by": .string("法院"), "case_type": .string("criminal"), "matter": .string("未成年人涉嫌盗窃案辩护"),
        "parties": .array([samplePerson]),
    ]
    static let provider: EventData = ["provider": .string("广西某律师事务所 李律师")]

    static func walks() throws -> [Fold] {
        var archived = Fold(workflow)
        try archived.step("apply", apply, at: "2025-04-01", to: "applied")
        try archived.step("request_materials", ["items": .string("经济困难状况说明表、劳动合同")], at: "2025-04-02", to: "awaiting_materials")
        try archived.step("materials_supplied", at: "2025-04-07", to: "applied")
        try archived.step("grant", ["means_test": .string("passed")], at: "2025-04-09", to: "granted")
        try archived.step("assign", provider, at: "2025-04-10", to: "assigned")
        try archived.step("change_provider", ["provider": .string("法律援助中心 王律师"), "reason": .string("原承办人回避")], at: "2025-05-10", to: "assigned")
        try archived.step("close", ["result": .string("调解结案，追回工资3万元")], at: "2025-08-10", to: "closed")
        try archived.step("archive", at: "2025-08-30", to: "archived")

        var withdrawnWaiting = Fold(workflow)
        try withdrawnWaiting.step("apply", apply, at: "2025-04-01", to: "applied")
        try withdrawnWaiting.step("request_materials", ["items": .array([.string("身份证明")])], at: "2025-04-02", to: "awaiting_materials")
        try withdrawnWaiting.step("withdraw", at: "2025-04-05", to: "withdrawn")

        var withdrawn = Fold(workflow)
        try withdrawn.step("apply", apply, at: "2025-04-01", to: "applied")
        try withdrawn.step("withdraw", at: "2025-04-02", to: "withdrawn")

        var objected = Fold(workflow)
        try objected.step("apply", apply, at: "2025-04-01", to: "applied")
        try objected.step("deny", ["reason": .string("不符合经济困难标准")], at: "2025-04-03", to: "denied")
        try objected.step("object", at: "2025-04-05", to: "objecting")
        try objected.step("objection_rejected", at: "2025-04-09", to: "denied")
        try objected.step("object", at: "2025-04-10", to: "objecting")
        try objected.step("objection_upheld", at: "2025-04-14", to: "granted")
        try objected.step("assign", provider, at: "2025-04-15", to: "assigned")
        try objected.step("terminate", ["ground": .string("受援人以欺骗手段获得法律援助")], at: "2025-05-01", to: "terminated")

        var notified = Fold(workflow)
        try notified.step("notify", notify, at: "2025-04-01", to: "granted")
        try notified.step("assign", provider, at: "2025-04-02", to: "assigned")

        return [archived, withdrawnWaiting, withdrawn, objected, notified]
    }

    @Test func walksCoverEveryAllowedTransition() throws {
        #expect(Fold.unwalked(Self.workflow, by: try Self.walks()) == [])
        #expect(Fold(Self.workflow).disallowedButNotRefused(at: "2025-04-01") == [])
    }

    @Test func deniedStaysOpenForAnObjection() throws {
        #expect(Set(Self.workflow.states.filter(\.closed).map(\.id)) == ["terminated", "closed", "archived", "withdrawn"])
        let decisions = try Self.walks().flatMap(\.decisions)
        let closing = Set(decisions.filter(\.closes).map(\.to))
        #expect(closing == ["terminated", "closed", "archived", "withdrawn"])
        #expect(decisions.filter { $0.to == "denied" }.allSatisfy { !$0.closes })
        let outcomes = decisions.reduce(into: [String: Outcome]()) { $0[$1.event] = $1.outcome }
        #expect(outcomes["withdraw"] == .set("withdrawn"))
        #expect(outcomes["terminate"] == .set("terminated"))
        #expect(outcomes["close"] == .keep)
    }

    @Test func openingEventsFillTheFacts() throws {
        var applied = Fold(Self.workflow)
        let apply = try applied.apply("apply", Self.apply, at: "2025-04-01")
        #expect(apply.facts?.text["case_type"] == "civil")
        #expect(apply.facts?.text["township"] == "沙埔镇")
        #expect(apply.data["population"] == .array([.string("migrant_worker"), .string("women")]))

        var notified = Fold(Self.workflow)
        let notify = try notified.apply("notify", Self.notify, at: "2025-04-01")
        #expect(notify.facts?.text["case_type"] == "criminal")
        #expect(notify.data["by"] == .string("court"))
        #expect(notify.from == nil && notify.to == "granted")
    }

    @Test func fieldsAreValidated() throws {
        var badPopulation = Self.apply
        badPopulation["population"] = .string("农民工、学生")
        #expect(Fold(Self.workflow).error("apply", badPopulation, at: "2025-04-01")?.fields.map(\.field) == ["population"])
        var noPopulation = Self.apply
        noPopulation["population"] = nil
        #expect(Fold(Self.workflow).error("apply", noPopulation, at: "2025-04-01") == nil)
        let notify = try #require(Fold(Self.workflow).error("notify", ["case_type": .string("criminal")], at: "2025-04-01"))
        #expect(Set(notify.fields.map(\.field)) == ["by", "matter", "parties"])

        var fold = Fold(Self.workflow)
        try fold.apply("apply", Self.apply, at: "2025-04-01")
        #expect(fold.error("grant", ["means_test": .string("waived")], at: "2025-04-02")?.code.rawValue == "invalid-data")
        #expect(fold.error("grant", ["means_test": .string("免予审查")], at: "2025-04-02") == nil)
    }

    @Test func illegalEventsAreRefused() throws {
        var fold = Fold(Self.workflow)
        #expect(fold.refusal("grant", ["means_test": .string("passed")], at: "2025-04-01") == "illegal-event")
        try fold.apply("apply", Self.apply, at: "2025-04-01")
        #expect(fold.refusal("notify", Self.notify, at: "2025-04-01") == "illegal-event")
        #expect(fold.refusal("apply", Self.apply, at: "2025-04-01") == "illegal-event")
        #expect(fold.refusal("object", at: "2025-04-01") == "illegal-event")
        #expect(fold.refusal("assign", Self.provider, at: "2025-04-01") == "illegal-event")
        try fold.apply("request_materials", ["items": .string("身份证明")], at: "2025-04-02")
        #expect(fold.refusal("grant", ["means_test": .string("passed")], at: "2025-04-03") == "illegal-event")
        #expect(fold.refusal("deny", ["reason": .string("x")], at: "2025-04-03") == "illegal-event")
        try fold.apply("materials_supplied", at: "2025-04-03")
        try fold.apply("grant", ["means_test": .string("passed")], at: "2025-04-04")
        #expect(fold.refusal("withdraw", at: "2025-04-05") == "illegal-event")
        #expect(fold.refusal("close", ["result": .string("x")], at: "2025-04-05") == "illegal-event")
        try fold.apply("assign", Self.provider, at: "2025-04-05")
        #expect(fold.refusal("archive", at: "2025-04-06") == "illegal-event")
        let error = try #require(fold.error("assign", Self.provider, at: "2025-04-06"))
        #expect(error.en.contains("state assigned") && error.en.contains("allowed events: change_provider, terminate, close"))
        try fold.apply("close", ["result": .string("胜诉")], at: "2025-06-01")
        #expect(fold.refusal("terminate", ["ground": .string("x")], at: "2025-06-02") == "illegal-event")
        try fold.apply("archive", at: "2025-06-20")
        #expect(fold.refusal("archive", at: "2025-06-21") == "illegal-event")
    }
}
