import AnjieDomain
import Foundation
import Testing

/// The domain's rules for corrections, without a database: the net effect of several corrections
/// of one event, and who may correct what.
@Suite struct CorrectionRulesTests {
    func at(_ text: String) -> Date { Timestamp.parse(text)! }

    func correct(_ seq: Int, _ data: EventData) -> LoggedEvent {
        LoggedEvent(seq: seq, event: Correction.event, at: at("2026-03-10"), actor: "x", data: data)
    }

    @Test func laterCorrectionsWinFieldByFieldAndAVoidDropsTheEvent() throws {
        let log = [
            LoggedEvent(seq: 1, event: "register", at: at("2026-03-01"), actor: "x", data: ["summary": .string("a"), "amount": .number(1)]),
            LoggedEvent(seq: 2, event: "start_mediation", at: at("2026-03-02"), actor: "x", data: ["mediator": .string("王")]),
            correct(3, ["seq": .number(1), "reason": .string("r"), "data": .object(["summary": .string("b"), "amount": .number(2)])]),
            correct(4, ["seq": .number(1), "reason": .string("r"), "data": .object(["amount": .number(3)])]),
            correct(5, ["seq": .number(2), "reason": .string("r"), "void": .bool(true)]),
        ]
        let net = try NetCorrection.of(log)
        #expect(net[1]?.data == ["summary": .string("b"), "amount": .number(3)] && net[1]?.by == [3, 4] && net[1]?.void == false)
        #expect(net[2]?.void == true)
        let effective = try Workflows.of(DisputeRules.self).effectiveHistory(log)
        #expect(effective.map(\.seq) == [1])
        #expect(effective.first?.data["amount"] == .number(3))
    }

    @Test func whoMayCorrect() {
        let workflow = Workflows.of(MediationRules.self)
        let agree = LoggedEvent(seq: 2, event: "agree", at: at("2026-03-01"), actor: "x", data: [:])
        #expect(Correction.refusal(toCorrect: agree, in: workflow, role: .mediator, at: at("2026-03-20")) == nil)
        #expect(Correction.refusal(toCorrect: agree, in: workflow, role: .auditor, at: at("2026-03-20")) == .notARecorder)
        if case .tooOld? = Correction.refusal(toCorrect: agree, in: workflow, role: .mediator, at: at("2026-04-15")) {} else {
            Issue.record("a mediator correcting a 45-day-old event must be refused as too old")
        }
        #expect(Correction.refusal(toCorrect: agree, in: workflow, role: .supervisor, at: at("2027-04-15")) == nil)
        #expect(Correction.refusal(toCorrect: agree, in: workflow, role: nil, at: at("2027-04-15")) == nil)
    }
}
