import AnjieDomain
import Foundation
import Testing

@Suite struct CalendarTests {
    let calendar = WorkingCalendar.shipped

    func day(_ text: String) -> LocalDate { LocalDate.parse(text)! }

    @Test func theTestVectorsOfTheDomainContract() throws {
        #expect(try calendar.addingWorkdays(5, to: day("2025-09-26")) == day("2025-10-10"))
        #expect(try calendar.nextWorkday(onOrAfter: day("2025-08-04").adding(days: 60)) == day("2025-10-09"))
    }

    @Test func holidaysAndMakeUpDays() throws {
        #expect(try calendar.isWorkday(day("2025-09-28")))   // a Sunday worked (调休)
        #expect(try !calendar.isWorkday(day("2025-10-08")))  // the holiday's last day
        #expect(try calendar.isWorkday(day("2025-10-09")))
        #expect(try !calendar.isWorkday(day("2025-10-04")))
        #expect(try calendar.isWorkday(day("2026-01-04")))   // a Sunday worked in 2026
        #expect(try !calendar.isWorkday(day("2024-02-12")))
        #expect(try calendar.isWorkday(day("2024-02-18")))
        #expect(try !calendar.isWorkday(day("2025-03-01")))  // an ordinary Saturday
    }

    @Test func aYearWithoutACalendarIsAnErrorNotAGuess() {
        #expect(throws: DomainError.self) { try calendar.isWorkday(day("2027-03-01")) }
        #expect(throws: DomainError.self) { try calendar.addingWorkdays(10, to: day("2026-12-25")) }
    }

    @Test func loadingAYearChangesTheAnswers() throws {
        let year = WorkingCalendar.Year(year: 2027, holidays: [day("2027-01-01")], workdays: [], source: "test")
        try year.validate()
        let loaded = calendar.loading(year)
        #expect(try !loaded.isWorkday(day("2027-01-01")))
        #expect(try loaded.addingWorkdays(10, to: day("2026-12-25")) == day("2027-01-11"))
        let bad = WorkingCalendar.Year(year: 2027, holidays: [day("2026-01-01")], workdays: [day("2027-03-03")], source: "x")
        #expect(throws: DomainError.self) { try bad.validate() }
    }

    /// Property: for random dates and lengths, the engine agrees with a plain day-by-day walk.
    @Test func addingWorkdaysAgreesWithADayByDayWalk() throws {
        var rng = SystemRandomNumberGenerator()
        let first = day("2024-01-01").dayNumber, last = day("2026-11-30").dayNumber
        for _ in 0..<2000 {
            let start = LocalDate(dayNumber: Int.random(in: first...last, using: &rng))
            let length = Int.random(in: 0...20, using: &rng)
            var walked = start, counted = 0
            while counted < length {
                walked = walked.adding(days: 1)
                let holiday = calendar.isHoliday(walked)
                let makeUp = calendar.isMakeUpWorkday(walked)
                if makeUp || (!holiday && !walked.isWeekend) { counted += 1 }
            }
            #expect(try calendar.addingWorkdays(length, to: start) == walked, "\(start) + \(length)")
        }
    }

    /// The shipped data itself: every holiday is a rest day that is not a weekday worked, every
    /// make-up day a weekend day, counts as in the notices.
    @Test func shippedYearsAreConsistent() throws {
        for year in [2024, 2025, 2026] {
            let data = try #require(calendar.years[year])
            try data.validate()
        }
        #expect(calendar.years[2025]?.holidays.count == 28)
        #expect(calendar.years[2025]?.workdays.count == 5)
        #expect(calendar.years[2026]?.workdays.count == 6)
    }
}

@Suite struct DeadlineEngineTests {
    let calendar = WorkingCalendar.shipped

    func at(_ text: String) -> Date { Timestamp.parse(text)! }

    func clocks(_ workflow: WorkflowID, _ events: [(String, String, EventData)], today: String = "2025-12-31") throws -> [String: Clock] {
        let timed = events.map { TimedEvent(event: $0.0, at: at($0.1), data: $0.2) }
        let result = try DeadlineEngine.clocks(workflow, events: timed, calendar: calendar, today: LocalDate.parse(today)!)
        return Dictionary(result.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }

    @Test func aReviewAcceptedOnAugustFourthIsDueOctoberNinth() throws {
        let c = try clocks(.review, [("receive", "2025-08-01", [:]), ("accept", "2025-08-04", ["procedure": .string("ordinary")])],
                           today: "2025-09-01")
        let decision = try #require(c["decision"])
        #expect(decision.due == LocalDate.parse("2025-10-09"))
        #expect(decision.explanation.contains("2025-10-03") && decision.explanation.contains("顺延"))
        #expect(decision.status(on: LocalDate.parse("2025-09-01")!) == .running)
        #expect(c["acceptance_review"]?.stoppedAt == LocalDate.parse("2025-08-04"))
        #expect(c["acceptance_review"]?.status(on: LocalDate.parse("2025-09-01")!) == .met)
    }

    @Test func aTenDaySuspensionMovesTheDecisionByTenDays() throws {
        let base: [(String, String, EventData)] = [("receive", "2025-03-01", [:]), ("accept", "2025-03-03", ["procedure": .string("ordinary")])]
        let plain = try #require(try clocks(.review, base)["decision"])
        let suspended = try #require(try clocks(.review, base + [("suspend", "2025-03-10", ["ground": .string("协商和解")]),
                                                                ("resume", "2025-03-20", [:])])["decision"])
        #expect(plain.due == LocalDate.parse("2025-05-06"))  // day 60 is 05-02, inside the May holiday
        #expect(suspended.pausedDays == 10)
        let unshifted = LocalDate.parse("2025-03-03")!.adding(days: 70)
        #expect(suspended.due == (try calendar.nextWorkday(onOrAfter: unshifted)))
    }

    @Test func extensionAndSimplifiedProcedure() throws {
        let extended = try #require(try clocks(.review, [("receive", "2025-03-01", [:]), ("accept", "2025-03-03", ["procedure": .string("ordinary")]),
                                                         ("extend", "2025-04-20", ["days": .number(30)])])["decision"])
        #expect(extended.extensionDays == 30)
        #expect(extended.due == (try calendar.nextWorkday(onOrAfter: LocalDate.parse("2025-03-03")!.adding(days: 90))))
        let simplified = try #require(try clocks(.review, [("receive", "2025-03-01", [:]), ("accept", "2025-03-03", ["procedure": .string("simplified")])])["decision"])
        #expect(simplified.due == LocalDate.parse("2025-04-02"))
    }

    @Test func acceptanceReviewLapsesAsDeemedAccepted() throws {
        let c = try clocks(.review, [("receive", "2025-09-26", [:])], today: "2025-10-13")
        let acceptance = try #require(c["acceptance_review"])
        #expect(acceptance.due == LocalDate.parse("2025-10-10"))
        #expect(acceptance.status(on: LocalDate.parse("2025-10-13")!) == .overdue)
        #expect(acceptance.lapse?.contains("视为受理") == true)
        #expect(acceptance.explanation.contains("09-28 调休上班") && acceptance.explanation.contains("10-01…10-08 节假日"))
    }

    @Test func correctionRestartsTheAcceptanceReview() throws {
        let c = try clocks(.review, [("receive", "2025-03-03", [:]), ("request_correction", "2025-03-04", ["items": .array([.string("身份证明")])]),
                                     ("corrected", "2025-03-10", [:])])
        #expect(c["correction"]?.stoppedAt == LocalDate.parse("2025-03-10"))
        #expect(c["acceptance_review"]?.start == LocalDate.parse("2025-03-10"))
        #expect(c["acceptance_review"]?.due == LocalDate.parse("2025-03-17"))
    }

    @Test func everyWorkflowsClocks() throws {
        let dispute = try clocks(.dispute, [("register", "2025-09-25", [:]), ("route", "2025-09-26", [:])], today: "2025-10-20")
        #expect(dispute["unit_objection"]?.due == LocalDate.parse("2025-10-10"))
        // The unit's window to object closed unused: it lapsed, and nobody is overdue.
        #expect(dispute["unit_objection"]?.status(on: LocalDate.parse("2025-10-20")!) == .lapsed)
        #expect(dispute["unit_objection"]?.overdueDays(on: LocalDate.parse("2025-10-20")!) == 0)
        let mediation = try clocks(.mediation, [("accept", "2025-01-02", [:]), ("agree", "2025-01-20", ["form": .string("written")])])
        #expect(mediation["mediation_guidance"]?.status(on: LocalDate.parse("2025-12-31")!) == .met)
        #expect(mediation["confirmation_window"]?.due == LocalDate.parse("2025-02-19"))
        #expect(mediation["confirmation_window"]?.isOpen == true)
        let oral = try clocks(.mediation, [("accept", "2025-01-02", [:]), ("agree", "2025-01-20", ["form": .string("oral")])])
        #expect(oral["confirmation_window"] == nil)
        let aid = try clocks(.legalAid, [("apply", "2025-09-29", [:])], today: "2025-10-01")
        #expect(aid["aid_decision"]?.due == LocalDate.parse("2025-10-09"))  // 10-06 is a holiday → next working day
        let working = try DeadlineEngine.clocks(.legalAid, events: [TimedEvent(event: "apply", at: at("2025-09-29"), data: [:])],
                                                calendar: calendar, settings: DeadlineSettings(legalAidDecisionUnit: .workingDays),
                                                today: LocalDate.parse("2025-10-01")!)
        // 09-30, then 10-09, 10-10, 10-11 (a Saturday worked), 10-13, 10-14, 10-15.
        #expect(working.first { $0.id == "aid_decision" }?.due == LocalDate.parse("2025-10-15"))
        let notice = try clocks(.legalAid, [("notify", "2025-06-03", [:])])
        #expect(notice["assignment"]?.due == LocalDate.parse("2025-06-06"))
        let notary = try clocks(.notarization, [("apply", "2025-09-20", [:]), ("accept", "2025-09-22", [:])])
        // 09-23…09-26, 09-28 (a Sunday worked), 09-29, 09-30, then 10-09 onwards: the 15th is 10-17.
        #expect(notary["issue"]?.due == LocalDate.parse("2025-10-17"))
    }
}
