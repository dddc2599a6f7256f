import AnjieDomain
import Testing

@Suite struct AdminMediationRulesTests {
    static let workflow = Workflows.of(AdminMediationRules.self)

    static let inReview: EventData = [
        "stage": .string("in_review"), "review_case": .string("FY-2025-00012"),
        "parties": .array([samplePerson]), "township": .string("龙头镇"),
    ]
    static let preLitigation: EventData = ["stage": .string("诉前")]

    static func walks() throws -> [Fold] {
        var agreed = Fold(workflow)
        try agreed.step("accept", inReview, at: "2025-05-06", to: "mediating")
        try agreed.step("agree", at: "2025-05-20", to: "agreed")

        var failed = Fold(workflow)
        try failed.step("accept", preLitigation, at: "2025-05-06", to: "mediating")
        try failed.step("fail", ["reason": .string("行政机关不同意调解")], at: "2025-06-01", to: "failed")
        return [agreed, failed]
    }

    @Test func walksCoverEveryAllowedTransition() throws {
        #expect(Fold.unwalked(Self.workflow, by: try Self.walks()) == [])
        #expect(Fold(Self.workflow).disallowedButNotRefused(at: "2025-05-01") == [])
    }

    @Test func closedStatesOutcomesAndFacts() throws {
        #expect(Set(Self.workflow.states.filter(\.closed).map(\.id)) == ["agreed", "failed"])
        let walks = try Self.walks()
        #expect(walks.map { $0.decisions.last!.outcome } == [.set("agreed"), .set("failed")])
        #expect(walks.allSatisfy { $0.decisions.last!.closes && !$0.decisions.first!.closes })
        #expect(walks.map { $0.decisions.first!.facts?.text["stage"] } == ["in_review", "pre_litigation"])
        #expect(walks[0].decisions.first!.facts?.text["township"] == "龙头镇")
    }

    @Test func reviewCaseIsRequiredOnlyInReview() throws {
        var missing = Self.inReview
        missing["review_case"] = nil
        let error = try #require(Fold(Self.workflow).error("accept", missing, at: "2025-05-06"))
        #expect(error.code.rawValue == "invalid-data")
        #expect(error.fields.map(\.field) == ["review_case"])
        #expect(Fold(Self.workflow).error("accept", Self.preLitigation, at: "2025-05-06") == nil)
        #expect(Fold(Self.workflow).error("accept", ["stage": .string("appeal")], at: "2025-05-06")?.code.rawValue == "invalid-data")
    }

    @Test func illegalEventsAreRefused() throws {
        var fold = Fold(Self.workflow)
        #expect(fold.refusal("agree", at: "2025-05-06") == "illegal-event")
        try fold.apply("accept", Self.preLitigation, at: "2025-05-06")
        #expect(fold.refusal("accept", Self.preLitigation, at: "2025-05-06") == "illegal-event")
        try fold.apply("agree", at: "2025-05-07")
        #expect(fold.refusal("fail", ["reason": .string("x")], at: "2025-05-08") == "illegal-event")
        #expect(fold.refusal("agree", at: "2025-05-08") == "illegal-event")
    }
}
