import AnjieDomain
import Testing

@Suite struct MediationRulesTests {
    static let workflow = Workflows.of(MediationRules.self)

    static let accept: EventData = [
        "organization": .string("大埔镇人民调解委员会"), "organization_kind": .string("township"),
        "source": .string("application"), "category": .string("neighbour"), "township": .string("大埔镇"),
        "amount": .number(12000), "parties": .array([samplePerson]),
    ]

    /// A big-3 (三大纠纷) acceptance of the given nature.
    static func acceptBig3(_ nature: String, big3: String = "land") -> EventData {
        var data = accept
        data["category"] = .string("land_forest")
        data["big3"] = .string(big3)
        data["big3_nature"] = .string(nature)
        return data
    }

    static let written: EventData = ["form": .string("written"), "amount": .number(8000)]
    static let oral: EventData = ["form": .string("oral")]
    static let court: EventData = ["court": .string("柳城县人民法院")]

    /// An agreed case: accepted 2025-03-02, agreed on 2025-03-10 (day 0 of the confirmation window).
    static func agreed(_ acceptData: EventData = accept, form: EventData = written) throws -> Fold {
        var fold = Fold(workflow)
        try fold.apply("accept", acceptData, at: "2025-03-02T09:30:00+08:00")
        try fold.apply("agree", form, at: "2025-03-10T16:00:00+08:00")
        return fold
    }

    /// Paths that together take every allowed transition, checking each state reached and that every
    /// event not allowed there is refused.
    static func walks() throws -> [Fold] {
        var confirmed = Fold(workflow)
        try confirmed.step("accept", accept, at: "2025-03-02T09:30:00+08:00", to: "mediating")
        try confirmed.step("escalation", ["kind": .string("group_petition")], at: "2025-03-03", to: "mediating")
        try confirmed.step("agree", written, at: "2025-03-10", to: "agreed")
        try confirmed.step("escalation", ["kind": .string("bypass_petition")], at: "2025-03-11", to: "agreed")
        try confirmed.step("apply_confirmation", court, at: "2025-03-12", to: "confirming")
        try confirmed.step("escalation", ["kind": .string("criminal")], at: "2025-03-13", to: "confirming")
        try confirmed.step("confirmation_rejected", ["reason": .string("材料不全，不予受理")], at: "2025-03-14", to: "agreed")
        try confirmed.step("apply_confirmation", court, at: "2025-03-20", to: "confirming")
        try confirmed.step("confirmation_granted", ["ruling_no": .string("（2025）桂0222民特12号")], at: "2025-03-25", to: "confirmed")
        try confirmed.step("escalation", ["kind": .string("suicide")], at: "2025-03-26", to: "confirmed")
        try confirmed.step("performed", at: "2025-04-20", to: "performed")

        var performedWithoutConfirmation = try agreed(form: oral)
        try performedWithoutConfirmation.step("performed", at: "2025-03-11", to: "performed")

        var failed = Fold(workflow)
        try failed.step("accept", accept, at: "2025-03-02", to: "mediating")
        try failed.step("fail", ["reason": .string("双方分歧过大")], at: "2025-03-20", to: "failed")

        var terminated = Fold(workflow)
        try terminated.step("accept", accept, at: "2025-03-02", to: "mediating")
        try terminated.step("terminate", ["reason": .string("申请人撤回")], at: "2025-03-05", to: "terminated")

        var ruled = Fold(workflow)
        try ruled.step("accept", acceptBig3("ownership"), at: "2025-03-02", to: "mediating")
        try ruled.step("rule", ["authority": .string("柳城县人民政府")], at: "2025-06-02", to: "ruled")

        return [confirmed, performedWithoutConfirmation, failed, terminated, ruled]
    }

    @Test func walksCoverEveryAllowedTransition() throws {
        #expect(Fold.unwalked(Self.workflow, by: try Self.walks()) == [])
        #expect(Fold(Self.workflow).disallowedButNotRefused(at: "2025-03-01") == [])
    }

    @Test func closedStatesAndOutcomes() throws {
        let closed = Self.workflow.states.filter(\.closed).map(\.id)
        #expect(Set(closed) == ["failed", "terminated", "ruled", "performed"])
        let outcomes = try Self.walks().flatMap(\.decisions).reduce(into: [String: Outcome]()) { $0[$1.event] = $1.outcome }
        #expect(outcomes["agree"] == .set("agreed"))
        #expect(outcomes["fail"] == .set("failed"))
        #expect(outcomes["terminate"] == .set("terminated"))
        #expect(outcomes["rule"] == .set("ruled"))
        #expect(outcomes["performed"] == .set("performed"))
        for event in ["accept", "apply_confirmation", "confirmation_granted", "confirmation_rejected", "escalation"] {
            #expect(outcomes[event] == .keep, "\(event)")
        }
        let closing = try Self.walks().flatMap(\.decisions).filter(\.closes).map(\.to)
        #expect(Set(closing) == ["failed", "terminated", "ruled", "performed"])
    }

    @Test func acceptFillsTheFactsFromLabelsOrIds() throws {
        var data = Self.acceptBig3("权属", big3: "山林")
        data["organization_kind"] = .string("劳动争议")
        data["source"] = .string("法院委派")
        data["referral_case"] = .string("（2025）桂0222民初88号")
        var fold = Fold(Self.workflow)
        let decision = try fold.apply("accept", data, at: "2025-03-02")
        let facts = try #require(decision.facts)
        #expect(facts.text["organization_kind"] == "labor")
        #expect(facts.text["source"] == "referral_court")
        #expect(facts.text["category"] == "land_forest")
        #expect(facts.text["big3"] == "forest")
        #expect(facts.text["big3_nature"] == "ownership")
        #expect(facts.text["township"] == "大埔镇")
        #expect(facts.amount == 12000)
        #expect(decision.context == .object(["big3": .string("forest"), "big3Nature": .string("ownership")]))
    }

    @Test func big3NatureIsRequiredWithBig3AndRefusedWithout() throws {
        var withoutNature = Self.accept
        withoutNature["big3"] = .string("water")
        let missing = try #require(Fold(Self.workflow).error("accept", withoutNature, at: "2025-03-02"))
        #expect(missing.code.rawValue == "invalid-data")
        #expect(missing.fields.map(\.field) == ["big3_nature"])

        var natureOnly = Self.accept
        natureOnly["big3_nature"] = .string("adjacency")
        let stray = try #require(Fold(Self.workflow).error("accept", natureOnly, at: "2025-03-02"))
        #expect(stray.code.rawValue == "invalid-data")
        #expect(stray.fields.map(\.field) == ["big3_nature"])

        #expect(Fold(Self.workflow).error("accept", Self.acceptBig3("adjacency", big3: "water"), at: "2025-03-02") == nil)
    }

    @Test func acceptRequiresItsFields() throws {
        let error = try #require(Fold(Self.workflow).error("accept", ["organization": .string("大埔镇人民调解委员会")], at: "2025-03-02"))
        #expect(error.code.rawValue == "invalid-data")
        #expect(Set(error.fields.map(\.field)) == ["organization_kind", "source", "category", "township", "parties"])
    }

    @Test func ruleOnlyForBig3Ownership() throws {
        var ordinary = Fold(Self.workflow)
        try ordinary.apply("accept", Self.accept, at: "2025-03-02")
        #expect(ordinary.error("rule", ["authority": .string("柳城县人民政府")], at: "2025-03-05")?.code.rawValue == "rule-violation")

        var contract = Fold(Self.workflow)
        try contract.apply("accept", Self.acceptBig3("contract"), at: "2025-03-02")
        #expect(contract.error("rule", ["authority": .string("柳城县人民政府")], at: "2025-03-05")?.code.rawValue == "rule-violation")

        var ownership = Fold(Self.workflow)
        try ownership.apply("accept", Self.acceptBig3("ownership", big3: "forest"), at: "2025-03-02")
        #expect(ownership.error("rule", ["authority": .string("柳城县人民政府")], at: "2025-03-05") == nil)
    }

    @Test func confirmationWindowIsThirtyCalendarDaysFromTheAgreeDate() throws {
        // Agreed 2025-03-10 (day 0); 2025-03-11 is day 1; day 30 is 2025-04-09.
        let fold = try Self.agreed()
        #expect(fold.snapshot?.context.objectValue?["agreementDate"] == .string("2025-03-10"))
        #expect(fold.error("apply_confirmation", Self.court, at: "2025-03-10T17:00:00+08:00") == nil)
        #expect(fold.error("apply_confirmation", Self.court, at: "2025-04-09T00:00:00+08:00") == nil)
        #expect(fold.error("apply_confirmation", Self.court, at: "2025-04-09T23:59:59+08:00") == nil)
        let late = try #require(fold.error("apply_confirmation", Self.court, at: "2025-04-10T00:00:00+08:00"))
        #expect(late.code.rawValue == "rule-violation")
        #expect(late.en.contains("2025-04-09") && late.en.contains("day 31"))
        // The county's calendar decides the day, not UTC: 16:30Z on 04-09 is 00:30 on 04-10 in Shanghai.
        #expect(fold.error("apply_confirmation", Self.court, at: "2025-04-09T15:59:00Z") == nil)
        #expect(fold.error("apply_confirmation", Self.court, at: "2025-04-09T16:30:00Z")?.code.rawValue == "rule-violation")
    }

    @Test func confirmationMayBeAppliedForAgainAfterARejectionInsideTheWindow() throws {
        var fold = try Self.agreed()
        try fold.apply("apply_confirmation", Self.court, at: "2025-03-15")
        try fold.apply("confirmation_rejected", ["reason": .string("驳回申请")], at: "2025-04-01")
        #expect(fold.state == "agreed")
        // The window still counts from the agreement, not from the rejection.
        #expect(fold.error("apply_confirmation", Self.court, at: "2025-04-09") == nil)
        #expect(fold.error("apply_confirmation", Self.court, at: "2025-04-10")?.code.rawValue == "rule-violation")
        try fold.apply("apply_confirmation", Self.court, at: "2025-04-08")
        #expect(fold.state == "confirming")
    }

    @Test func oralAgreementCannotBeConfirmed() throws {
        let fold = try Self.agreed(form: Self.oral)
        let error = try #require(fold.error("apply_confirmation", Self.court, at: "2025-03-11"))
        #expect(error.code.rawValue == "rule-violation")
        #expect(error.en.contains("oral"))
    }

    @Test func big3OwnershipAgreementCannotBeConfirmed() throws {
        let ownership = try Self.agreed(Self.acceptBig3("ownership"))
        let error = try #require(ownership.error("apply_confirmation", Self.court, at: "2025-03-11"))
        #expect(error.code.rawValue == "rule-violation")
        #expect(error.zh.contains("355"))
        // Other big-3 natures (承包, 相邻) can be confirmed.
        #expect(try Self.agreed(Self.acceptBig3("contract")).error("apply_confirmation", Self.court, at: "2025-03-11") == nil)
        #expect(try Self.agreed(Self.acceptBig3("adjacency", big3: "water")).error("apply_confirmation", Self.court, at: "2025-03-11") == nil)
    }

    @Test func illegalEventsNameTheStateAndTheAllowedEvents() throws {
        var fold = Fold(Self.workflow)
        #expect(fold.refusal("agree", Self.written, at: "2025-03-02") == "illegal-event")
        try fold.apply("accept", Self.accept, at: "2025-03-02")
        #expect(fold.refusal("accept", Self.accept, at: "2025-03-02") == "illegal-event")
        #expect(fold.refusal("apply_confirmation", Self.court, at: "2025-03-03") == "illegal-event")
        #expect(fold.refusal("performed", at: "2025-03-03") == "illegal-event")
        #expect(fold.refusal("confirmation_granted", ["ruling_no": .string("1")], at: "2025-03-03") == "illegal-event")
        let error = try #require(fold.error("confirmation_rejected", ["reason": .string("x")], at: "2025-03-03"))
        #expect(error.code.rawValue == "illegal-event")
        #expect(error.en.contains("state mediating") && error.en.contains("agree, fail, terminate, rule, escalation"))
        #expect(error.zh.contains("调解中"))

        try fold.apply("agree", Self.written, at: "2025-03-10")
        #expect(fold.refusal("rule", ["authority": .string("县政府")], at: "2025-03-11") == "illegal-event")
        #expect(fold.refusal("agree", Self.written, at: "2025-03-11") == "illegal-event")
        try fold.apply("performed", at: "2025-03-20")
        #expect(fold.refusal("escalation", ["kind": .string("armed_fight")], at: "2025-03-21") == "illegal-event")
        #expect(fold.refusal("apply_confirmation", Self.court, at: "2025-03-21") == "illegal-event")
        #expect(fold.decisions.count == 3)
        #expect(fold.snapshot?.version == 3)
    }
}
