import Foundation

extension ClockMeasure {
    /// Whether one case counts, from its effective history (corrections applied), judged for the
    /// year `bounds`. Year-end tests read the history as it stood at the year's end (events dated
    /// before it, clocks as of 31 December); `missed` reads the whole history, since a receipt after
    /// the due date, in whatever year, is still 漏管 in the due date's year.
    ///
    /// Returns nil when the case has no such clock at all (for `noDataWithoutClocks`). A clock
    /// reaching into a year whose holiday notice is not loaded throws `DomainError` (`noCalendar`),
    /// as `deadlines` does: a figure is never computed from a guessed calendar.
    public func holds(for events: [TimedEvent], bounds: YearBounds, calendar: WorkingCalendar,
                      settings: DeadlineSettings) throws -> (counts: Bool, fellDueInYear: Bool)? {
        let first = bounds.firstDay
        let last = LocalDate(year: bounds.year, month: 12, day: 31)!
        let atYearEnd = events.filter { $0.at < bounds.end }
        let yearEndClock = try clock(atYearEnd, calendar: calendar, settings: settings, today: last)
        let wholeClock = try clock(events, calendar: calendar, settings: settings, today: last)
        guard yearEndClock != nil || wholeClock != nil else { return nil }
        func stoppedBy(_ clock: Clock, _ names: [String], in history: [TimedEvent]) -> Bool {
            // A clock records the day it stopped, not the event: it counts as stopped by one of
            // `names` when such an event is dated that day (an answer, not a withdrawal).
            guard let day = clock.stoppedAt else { return false }
            return history.contains { names.contains($0.event) && LocalDate($0.at) == day }
        }
        func inYear(_ day: LocalDate?) -> Bool { day.map { $0 >= first && $0 <= last } ?? false }
        func evaluate(_ test: ClockTest) -> Bool {
            switch test {
            case .met(let names):
                guard let clock = yearEndClock, inYear(clock.stoppedAt) else { return false }
                return clock.stoppedAt! <= clock.due && stoppedBy(clock, names, in: atYearEnd)
            case .late(let names):
                guard let clock = yearEndClock, inYear(clock.stoppedAt) else { return false }
                return clock.stoppedAt! > clock.due && stoppedBy(clock, names, in: atYearEnd)
            case .overdueAtYearEnd:
                guard let clock = yearEndClock, clock.isOpen else { return false }
                return inYear(clock.due)
            case .missed(let names):
                guard let clock = wholeClock, inYear(clock.due) else { return false }
                let metInTime = stoppedBy(clock, names, in: events) && clock.stoppedAt! <= clock.due
                return !metInTime
            case .any(let tests):
                return tests.contains(where: evaluate)
            }
        }
        return (evaluate(test), inYear(wholeClock?.due) || inYear(yearEndClock?.due))
    }

    private func clock(_ events: [TimedEvent], calendar: WorkingCalendar, settings: DeadlineSettings,
                       today: LocalDate) throws -> Clock? {
        guard !events.isEmpty else { return nil }
        return try DeadlineEngine.clocks(workflow, events: events, calendar: calendar, settings: settings, today: today)
            .first { $0.id == clock }
    }
}
