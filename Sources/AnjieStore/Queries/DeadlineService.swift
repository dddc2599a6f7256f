import AnjieDomain
import Foundation
import PostgresNIO

/// Open clocks across a county's cases, computed from their events with the calendar in force.
public struct DeadlineService: Sendable {
    public struct Entry: Sendable {
        public let workflow: WorkflowID
        public let caseNumber: String
        public let township: String?
        public let state: String
        public let clock: Clock
    }

    public struct Filter: Sendable {
        public var county: String
        public var workflow: WorkflowID?
        public var township: String?
        /// The reader's townships: cases outside them are not read at all.
        public var scope: TownshipScope

        public init(county: String, workflow: WorkflowID? = nil, township: String? = nil, scope: TownshipScope = .wholeCounty) {
            self.county = county
            self.workflow = workflow
            self.township = township
            self.scope = scope
        }
    }

    /// A case whose clocks cannot be computed, and why (a year without a loaded holiday calendar).
    public struct Uncomputable: Sendable {
        public let workflow: WorkflowID
        public let caseNumber: String
        public let township: String?
        public let zh: String
        public let en: String
    }

    /// The running clocks, and the cases that could not be computed. A clock that reaches into a
    /// year whose holiday notice is not loaded is not guessed; but one such case (in late November
    /// every review opened reaches into next year) must not hide every other case's deadlines.
    public struct Open: Sendable {
        public let entries: [Entry]
        public let uncomputable: [Uncomputable]
    }

    /// The kinds a listing shows: the one asked for; else, in an overdue list, statutory and
    /// centre-set deadlines only — an advisory target (调解一般应在一个月内调结) passed is not the
    /// bureau being late, and is listed only when asked (`--kind advisory`, `?kind=advisory`).
    public static func kinds(asked: Clock.Kind?, overdueOnly: Bool) -> Set<Clock.Kind> {
        if let asked { return [asked] }
        return Set(Clock.Kind.allCases.filter { !overdueOnly || $0.isBinding })
    }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Every running clock, sorted by due date. Cases closed more than 60 days ago have none
    /// (the latest clock that outlives closing, archiving a legal-aid file, is 30 days).
    public func open(_ filter: Filter, today: LocalDate) async throws -> Open {
        let (calendar, settings) = try await CalendarStore(db).deadlineInputs(county: filter.county)
        let recent = today.adding(days: -60).startInstant
        let rows = try await db.client.query("""
            SELECT c.workflow, c.case_no, c.township, c.state, e.event, e.at, e.data::text
            FROM cases c JOIN effective_events e USING (county, workflow, case_no)
            WHERE c.county = \(filter.county) AND (c.closed_at IS NULL OR c.closed_at >= \(recent))
              AND (\(filter.workflow?.rawValue)::text IS NULL OR c.workflow = \(filter.workflow?.rawValue))
              AND (\(filter.township)::text IS NULL OR c.township = \(filter.township))
              AND \(township: "c.township", in: filter.scope)
            ORDER BY c.workflow, c.case_no, e.seq
            """, logger: db.logger)
        var entries: [Entry] = []
        var uncomputable: [Uncomputable] = []
        var current: (workflow: String, number: String, township: String?, state: String)?
        var events: [TimedEvent] = []
        func flush() throws {
            guard let current, let id = WorkflowID.registered(current.workflow) else { return }
            let clocks: [Clock]
            do {
                clocks = try DeadlineEngine.clocks(id, events: events, calendar: calendar, settings: settings, today: today)
            } catch let error as DomainError where error.code == .noCalendar {
                uncomputable.append(Uncomputable(workflow: id, caseNumber: current.number, township: current.township,
                                                 zh: error.zh, en: error.en))
                return
            }
            for clock in clocks where clock.isOpen {
                entries.append(Entry(workflow: id, caseNumber: current.number, township: current.township, state: current.state, clock: clock))
            }
        }
        for try await (workflow, number, township, state, event, at, data) in rows.decode((String, String, String?, String, String, Date, String).self) {
            if current?.workflow != workflow || current?.number != number {
                try flush()
                current = (workflow, number, township, state)
                events = []
            }
            events.append(TimedEvent(event: event, at: at, data: try CaseStore.parseJSON(data).objectValue ?? [:]))
        }
        try flush()
        return Open(entries: entries.sorted { ($0.clock.due, $0.caseNumber) < ($1.clock.due, $1.caseNumber) },
                    uncomputable: uncomputable)
    }

    public struct FollowUp: Sendable {
        public let caseNumber: String
        public let township: String?
        public let state: String
        public let cadence: FollowUpCadence
    }

    /// Routed or supervised disputes with their follow-up cadence; `onlyBehind` keeps the late ones.
    public func followUps(_ filter: Filter, today: LocalDate, onlyBehind: Bool) async throws -> [FollowUp] {
        let rows = try await db.client.query("""
            SELECT c.case_no, c.township, c.state, e.event, e.at, e.data::text
            FROM cases c JOIN effective_events e USING (county, workflow, case_no)
            WHERE c.county = \(filter.county) AND c.workflow = \(DisputeRules.id.rawValue)
              AND c.state = ANY(\(DisputeRules.followedStates.map(\.rawValue)))
              AND (\(filter.township)::text IS NULL OR c.township = \(filter.township))
              AND \(township: "c.township", in: filter.scope)
            ORDER BY c.case_no, e.seq
            """, logger: db.logger)
        var result: [FollowUp] = []
        var current: (number: String, township: String?, state: String)?
        var events: [TimedEvent] = []
        func flush() {
            guard let current, let cadence = FollowUpCadence.of(events) else { return }
            if !onlyBehind || cadence.isBehind(on: today) {
                result.append(FollowUp(caseNumber: current.number, township: current.township, state: current.state, cadence: cadence))
            }
        }
        for try await (number, township, state, event, at, data) in rows.decode((String, String?, String, String, Date, String).self) {
            if current?.number != number {
                flush()
                current = (number, township, state)
                events = []
            }
            events.append(TimedEvent(event: event, at: at, data: try CaseStore.parseJSON(data).objectValue ?? [:]))
        }
        flush()
        return result.sorted { min($0.cadence.weeklyDue, $0.cadence.monthlyDue) < min($1.cadence.weeklyDue, $1.cadence.monthlyDue) }
    }

    /// The clocks of one case, open and stopped.
    public func clocks(county: String, workflow: WorkflowID, events: [EventRecord], today: LocalDate) async throws -> [Clock] {
        let (calendar, settings) = try await CalendarStore(db).deadlineInputs(county: county)
        // The clocks follow the corrected history (DOMAIN.md, Corrections), as the lists do.
        let logged = events.map(\.logged)
        let effective = try Workflows.named(workflow.rawValue).effectiveHistory(logged)
        return try DeadlineEngine.clocks(workflow, events: effective.map { TimedEvent(event: $0.event, at: $0.at, data: $0.data) },
                                         calendar: calendar, settings: settings, today: today)
    }
}
