import AnjieDomain
import Testing

@Suite struct MatterRulesTests {
    static let workflow = Workflows.of(MatterRules.self)

    static func walks() throws -> [Fold] {
        var fold = Fold(workflow)
        try fold.step("register", ["kind": .string("法律咨询"), "township": .string("太平镇")], at: "2025-02-10", to: "open")
        try fold.step("close", ["result": .string("已解答")], at: "2025-02-10", to: "closed")
        return [fold]
    }

    @Test func walksCoverEveryAllowedTransition() throws {
        #expect(Fold.unwalked(Self.workflow, by: try Self.walks()) == [])
        #expect(Fold(Self.workflow).disallowedButNotRefused(at: "2025-02-01") == [])
    }

    @Test func registerFillsKindAndCloseCloses() throws {
        let decisions = try Self.walks()[0].decisions
        #expect(decisions[0].facts?.text["kind"] == "legal_consultation")
        #expect(decisions[0].facts?.text["township"] == "太平镇")
        #expect(!decisions[0].closes && decisions[1].closes)
        #expect(Set(Self.workflow.states.filter(\.closed).map(\.id)) == ["closed"])
        #expect(Fold(Self.workflow).error("register", ["kind": .string("complaint")], at: "2025-02-10")?.code.rawValue == "invalid-data")
        #expect(Fold(Self.workflow).error("register", [:], at: "2025-02-10")?.fields.map(\.field) == ["kind"])
    }

    @Test func illegalEventsAreRefused() throws {
        var fold = Fold(Self.workflow)
        #expect(fold.refusal("close", at: "2025-02-10") == "illegal-event")
        try fold.apply("register", ["kind": .string("assistance")], at: "2025-02-10")
        #expect(fold.refusal("register", ["kind": .string("other")], at: "2025-02-10") == "illegal-event")
        try fold.apply("close", at: "2025-02-11")
        #expect(fold.refusal("close", at: "2025-02-12") == "illegal-event")
    }
}
