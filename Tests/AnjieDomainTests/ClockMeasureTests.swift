import AnjieDomain
import Foundation
import Testing

/// Timeliness figures (`Measure.clocks`) judge one case's clock against the report's year: met or
/// late by the events the figure names, overdue at the year's end, or missed. Worked on review's
/// acceptance review (5 working days from `receive`, stopped by `accept`, `reject` or a correction
/// notice), with due dates computed by hand from the 2025 calendar.
@Suite struct ClockMeasureTests {
    let bounds = YearBounds(2025)!
    let settings = DeadlineSettings()

    func verdict(_ test: ClockTest, _ events: [(String, String)], noData: Bool = false) throws -> (counts: Bool, fellDueInYear: Bool)? {
        let timed = events.map { TimedEvent(event: $0.0, at: Timestamp.parse($0.1)!, data: [:]) }
        let measure = ClockMeasure(ReviewRules.self, ReviewRules.acceptanceReview, test, noDataWithoutClocks: noData)
        return try measure.holds(for: timed, bounds: bounds, calendar: .shipped, settings: settings)
    }

    @Test func metAndLateCountOnlyTheNamedEventInTheYear() throws {
        // Received Monday 2025-03-03: due 2025-03-10. Accepted on the 5th: met.
        let onTime = [("receive", "2025-03-03T09:00:00+08:00"), ("accept", "2025-03-05T09:00:00+08:00")]
        #expect(try verdict(.met(ReviewRules.Event.accept), onTime)?.counts == true)
        #expect(try verdict(.late(ReviewRules.Event.accept), onTime)?.counts == false)
        // Accepted on the 11th, after the due date: late, not met.
        let late = [("receive", "2025-03-03T09:00:00+08:00"), ("accept", "2025-03-11T09:00:00+08:00")]
        #expect(try verdict(.late(ReviewRules.Event.accept), late)?.counts == true)
        #expect(try verdict(.met(ReviewRules.Event.accept), late)?.counts == false)
        // Stopped by a correction notice: neither met nor late by `accept`.
        let corrected = [("receive", "2025-03-03T09:00:00+08:00"), ("request_correction", "2025-03-04T09:00:00+08:00")]
        #expect(try verdict(.any([.met(ReviewRules.Event.accept), .late(ReviewRules.Event.accept)]), corrected)?.counts == false)
        // Accepted in 2024: not a 2025 figure.
        let lastYear = [("receive", "2024-12-02T09:00:00+08:00"), ("accept", "2024-12-03T09:00:00+08:00")]
        #expect(try verdict(.met(ReviewRules.Event.accept), lastYear)?.counts == false)
    }

    @Test func overdueAtYearEndReadsTheHistoryAsItStoodThen() throws {
        // Received 2025-12-15, due 2025-12-22, accepted only on 2026-01-05: at the year's end it was overdue.
        let carried = [("receive", "2025-12-15T09:00:00+08:00"), ("accept", "2026-01-05T09:00:00+08:00")]
        #expect(try verdict(.overdueAtYearEnd, carried)?.counts == true)
        #expect(try verdict(.late(ReviewRules.Event.accept), carried)?.counts == false)
        // …and it is missed: due in 2025, not accepted by then.
        #expect(try verdict(.missed(ReviewRules.Event.accept), carried)?.counts == true)
        // Received 2025-12-29: due in 2026, so not overdue in 2025 and not due in the year.
        let notYetDue = [("receive", "2025-12-29T09:00:00+08:00")]
        let result = try #require(try verdict(.overdueAtYearEnd, notYetDue))
        #expect(result.counts == false && result.fellDueInYear == false)
    }

    @Test func aCaseWithoutTheClockIsNoData() throws {
        #expect(try verdict(.missed(ReviewRules.Event.accept), []) == nil)
    }
}
