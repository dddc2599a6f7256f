import AnjieDomain
import Foundation
import Testing

/// The centre's own deadlines (DOMAIN.md, Deadlines): the unit's handling deadline set by `route`
/// and the supervision deadline set by `supervise`, tracked like the statutory ones but of their own
/// kind, and a `due` already past when recorded accepted with a warning.
@Suite struct DisputeDeadlineTests {
    let calendar = WorkingCalendar.shipped

    func at(_ text: String) -> Date { Timestamp.parse(text)! }

    func clocks(_ events: [(String, String, EventData)], today: String) throws -> [String: Clock] {
        let timed = events.map { TimedEvent(event: $0.0, at: at($0.1), data: $0.2) }
        let result = try DeadlineEngine.clocks(.dispute, events: timed, calendar: calendar, today: LocalDate.parse(today)!)
        return Dictionary(uniqueKeysWithValues: result.map { ($0.id, $0) })
    }

    @Test func routeSetsTheUnitsHandlingDeadlineAndSuperviseStopsItAndStartsItsOwn() throws {
        let routed = try clocks([("route", "2025-05-20", ["due": .string("2025-05-30")])], today: "2025-06-02")
        let handling = try #require(routed["unit_handling"])
        #expect(handling.due == LocalDate.parse("2025-05-30") && handling.kind == .centreSet)
        #expect(handling.status(on: LocalDate.parse("2025-06-02")!) == .overdue)
        #expect(routed["unit_objection"]?.kind == .centreSet)
        #expect(routed["supervision"] == nil)

        let supervised = try clocks([("route", "2025-05-20", ["due": .string("2025-05-30")]),
                                     ("supervise", "2025-05-26", ["due": .string("2025-06-10")])], today: "2025-06-02")
        #expect(supervised["unit_handling"]?.status(on: LocalDate.parse("2025-06-02")!) == .met)
        #expect(supervised["supervision"]?.due == LocalDate.parse("2025-06-10"))
        #expect(supervised["supervision"]?.status(on: LocalDate.parse("2025-06-02")!) == .running)

        let resolved = try clocks([("route", "2025-05-20", ["due": .string("2025-05-30")]),
                                   ("supervise", "2025-05-26", ["due": .string("2025-06-10")]),
                                   ("resolve", "2025-06-12", [:])], today: "2025-06-20")
        #expect(resolved["supervision"]?.status(on: LocalDate.parse("2025-06-20")!) == .late)
        // A unit's return hands the case back: its handling deadline no longer runs.
        let returned = try clocks([("route", "2025-05-20", ["due": .string("2025-05-30")]), ("return", "2025-05-21", [:])],
                                  today: "2025-06-20")
        #expect(returned["unit_handling"]?.isOpen == false)
    }

    @Test func mediationGuidanceIsAdvisoryAndStatutoryClocksAreStatutory() throws {
        let mediation = try DeadlineEngine.clocks(.mediation, events: [TimedEvent(event: "accept", at: at("2025-05-20"), data: [:])],
                                                  calendar: calendar, today: LocalDate.parse("2025-05-21")!)
        #expect(mediation.first { $0.id == "mediation_guidance" }?.kind == .advisory)
        let review = try DeadlineEngine.clocks(.review, events: [TimedEvent(event: "receive", at: at("2025-09-26"), data: [:])],
                                               calendar: calendar, today: LocalDate.parse("2025-09-27")!)
        #expect(review.allSatisfy { $0.kind == .statutory })
        #expect(Clock.Kind.parse("法定期限") == .statutory && Clock.Kind.parse("centre-set") == .centreSet && Clock.Kind.parse("x") == nil)
    }

    @Test func aDueDateAlreadyPastIsRecordedWithAWarning() throws {
        var fold = Fold(Workflows.of(DisputeRules.self))
        try fold.apply("register", ["channel": .string("walk_in"), "category": .string("neighbour"), "township": .string("大埔镇"),
                                    "summary": .string("x"), "parties": .array([samplePerson])], at: "2025-11-18")
        try fold.apply("skip_mediation", ["reason": .string("x")], at: "2025-11-19")
        try fold.apply("assess", ["risk": .string("low"), "complexity": .string("simple"), "basis": .string("x")], at: "2025-11-21")
        let late = try fold.apply("route", ["unit": .string("县司法局"), "legal_channel": .string("调解"), "due": .string("2025-11-20")],
                                  at: "2025-11-21")
        #expect(fold.state == "routed")
        #expect(late.warnings.map(\.code) == ["past-due"])
        #expect(late.warnings.first?.zh.contains("2025-11-20") == true)
    }
}
