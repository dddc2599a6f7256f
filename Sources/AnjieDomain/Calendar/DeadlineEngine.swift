import Foundation

/// An event as the deadline engine reads it.
public struct TimedEvent: Sendable {
    public let event: String
    public let at: Date
    public let data: EventData

    public init(event: String, at: Date, data: EventData) {
        self.event = event
        self.at = at
        self.data = data
    }
}

/// Every clock of DOMAIN.md's "Deadlines" table, derived from a case's events — never typed in.
/// Each workflow declares its own clocks (`WorkflowRules.clocks`); this computes them against the
/// working calendar. A clock never blocks an event; it only shows whether the event came in time.
public enum DeadlineEngine {
    public static func clocks(_ workflow: WorkflowID, events: [TimedEvent], calendar: WorkingCalendar,
                              settings: DeadlineSettings = DeadlineSettings(), today: LocalDate) throws -> [Clock] {
        let trackers = Workflows[workflow]?.clockTrackers(events, settings: settings) ?? []
        return try trackers.compactMap { try $0.clock(calendar: calendar, today: today) }
    }
}
