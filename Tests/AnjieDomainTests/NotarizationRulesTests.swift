import AnjieDomain
import Testing

@Suite struct NotarizationRulesTests {
    static let workflow = Workflows.of(NotarizationRules.self)

    static let apply: EventData = [
        "matter": .string("继承权公证"), "service": .string("home_visit"), "fee_waived": .string("是"),
        "township": .string("凤山镇"), "parties": .array([samplePerson]),
    ]
    static let appointment: EventData = ["matter": .string("学历公证"), "service": .string("预约办证")]

    static func walks() throws -> [Fold] {
        var issued = Fold(workflow)
        try issued.step("apply", apply, at: "2025-03-03", to: "applied")
        try issued.step("accept", at: "2025-03-04", to: "accepted")
        try issued.step("issue", at: "2025-03-20", to: "issued")

        var refusedOnApplication = Fold(workflow)
        try refusedOnApplication.step("apply", appointment, at: "2025-03-03", to: "applied")
        try refusedOnApplication.step("refuse", ["reason": .string("不属于本公证处执业区域")], at: "2025-03-04", to: "refused")

        var refusedAfterAcceptance = Fold(workflow)
        try refusedAfterAcceptance.step("apply", appointment, at: "2025-03-03", to: "applied")
        try refusedAfterAcceptance.step("accept", at: "2025-03-04", to: "accepted")
        try refusedAfterAcceptance.step("refuse", ["reason": .string("证明材料不真实")], at: "2025-03-10", to: "refused")

        var terminatedOnApplication = Fold(workflow)
        try terminatedOnApplication.step("apply", appointment, at: "2025-03-03", to: "applied")
        try terminatedOnApplication.step("terminate", ["reason": .string("申请人撤回")], at: "2025-03-04", to: "terminated")

        var terminatedAfterAcceptance = Fold(workflow)
        try terminatedAfterAcceptance.step("apply", appointment, at: "2025-03-03", to: "applied")
        try terminatedAfterAcceptance.step("accept", at: "2025-03-04", to: "accepted")
        try terminatedAfterAcceptance.step("terminate", ["reason": .string("逾期未补充材料")], at: "2025-04-10", to: "terminated")

        return [issued, refusedOnApplication, refusedAfterAcceptance, terminatedOnApplication, terminatedAfterAcceptance]
    }

    @Test func walksCoverEveryAllowedTransition() throws {
        #expect(Fold.unwalked(Self.workflow, by: try Self.walks()) == [])
        #expect(Fold(Self.workflow).disallowedButNotRefused(at: "2025-03-01") == [])
    }

    @Test func closedStatesAndOutcomes() throws {
        #expect(Set(Self.workflow.states.filter(\.closed).map(\.id)) == ["issued", "refused", "terminated"])
        let walks = try Self.walks()
        #expect(walks.map { $0.decisions.last!.outcome }
            == [.set("issued"), .set("refused"), .set("refused"), .set("terminated"), .set("terminated")])
        #expect(walks.allSatisfy { $0.decisions.last!.closes })
        #expect(walks.flatMap { $0.decisions.dropLast() }.allSatisfy { !$0.closes && $0.outcome == .keep })
    }

    @Test func applyFillsServiceAndFeeWaiver() throws {
        var homeVisit = Fold(Self.workflow)
        let facts = try #require(try homeVisit.apply("apply", Self.apply, at: "2025-03-03").facts)
        #expect(facts.text["service"] == "home_visit")
        #expect(facts.text["township"] == "凤山镇")
        #expect(facts.feeWaived == true)

        var appointment = Fold(Self.workflow)
        let plain = try #require(try appointment.apply("apply", Self.appointment, at: "2025-03-03").facts)
        // DOMAIN.md (changed in issue 16): `service: appointment` of older files reads as a booked window matter.
        #expect(plain.text["service"] == "window")
        #expect(plain.values["booked"] == .bool(true))
        #expect(plain.feeWaived == nil)
        var booked = Fold(Self.workflow)
        let homeBooked = try #require(try booked.apply("apply", ["matter": .string("遗嘱公证"), "service": .string("上门服务"),
                                                                 "booked": .bool(true), "fee_waived": .bool(true)], at: "2025-03-03").facts)
        #expect(homeBooked.text["service"] == "home_visit" && homeBooked.values["booked"] == .bool(true))

        #expect(Fold(Self.workflow).error("apply", ["matter": .string("x"), "service": .string("mail")], at: "2025-03-03")?.code.rawValue == "invalid-data")
        #expect(Fold(Self.workflow).error("apply", ["matter": .string("x"), "service": .string("window"), "fee_waived": .string("maybe")], at: "2025-03-03")?.fields.map(\.field) == ["fee_waived"])
    }

    @Test func illegalEventsAreRefused() throws {
        var fold = Fold(Self.workflow)
        #expect(fold.refusal("accept", at: "2025-03-03") == "illegal-event")
        try fold.apply("apply", Self.appointment, at: "2025-03-03")
        #expect(fold.refusal("issue", at: "2025-03-03") == "illegal-event")
        #expect(fold.refusal("apply", Self.appointment, at: "2025-03-03") == "illegal-event")
        try fold.apply("accept", at: "2025-03-04")
        #expect(fold.refusal("accept", at: "2025-03-04") == "illegal-event")
        try fold.apply("issue", at: "2025-03-10")
        #expect(fold.refusal("refuse", ["reason": .string("x")], at: "2025-03-11") == "illegal-event")
        #expect(fold.refusal("terminate", ["reason": .string("x")], at: "2025-03-11") == "illegal-event")
    }
}
