import AnjieDomain
import Foundation

/// The demo's 2025 dataset for 柳城县 (450222): case histories and log records from which every
/// indicator of the county's 2025 annual report (`report-2025.md`) recomputes, by its declared
/// definition, to the published figure — except where the published figures cannot all hold at
/// once (see `Demo2025+LegalServices.swift`, notarisation home visits).
///
/// The data are built in cohorts, one per role they play in a definition (ended in the year,
/// accepted the year before, still open at year end, events in 2026 that must not count, …); each
/// cohort's size is written next to the figure it feeds. SplitMix64 with a fixed seed supplies the
/// variety (townships, categories, people, times, amounts), so every call returns the same lines.
/// Events are not checked here: the tests replay every case through `Workflow.decide` and recount
/// every indicator from its definition.
public enum Demo2025 {
    /// The generator's seed; changing it changes the details, not the indicator values.
    public static let seed: UInt64 = 4_502_222_025

    /// Every record, ordered by time (events of one case keep their order), log ids and case
    /// numbers assigned in order of time per kind, workflow and year.
    public static func lines() -> [Interchange.Line] {
        var builder = Builder(seed: seed)
        builder.addMediation()
        builder.addCenter()
        builder.addReview()
        builder.addLegalServices()
        return builder.finish()
    }
}

extension Demo2025 {
    /// One case's events before it has a number (numbers follow the order of opening).
    struct CaseDraft {
        struct Step {
            let event: String
            let at: Date
            let actor: String
            let data: EventData
        }

        let workflow: WorkflowID
        private(set) var steps: [Step] = []

        init(_ workflow: WorkflowID) {
            self.workflow = workflow
        }

        var opened: Date { steps[0].at }
        var last: Date { steps[steps.count - 1].at }

        mutating func add(_ event: String, _ at: Date, by actor: String, _ data: EventData = [:]) {
            assert(steps.isEmpty || at >= last, "\(workflow.rawValue) \(event) at \(Timestamp.format(at)) is before \(Timestamp.format(last))")
            steps.append(Step(event: event, at: at, actor: actor, data: data))
        }
    }

    struct LogDraft {
        let kind: LogKind
        let at: Date
        let actor: String
        let data: EventData
    }

    /// Collects drafts and numbers them. All randomness goes through `rng`, in program order.
    struct Builder {
        var rng: SplitMix64
        let county = County.liuchengCode
        let townships = County.liuchengTownships
        private var entries: [(at: Date, order: Int, line: Interchange.Line)] = []
        private var logDrafts: [LogDraft] = []
        private var serials: [String: Int] = [:]

        init(seed: UInt64) {
            rng = SplitMix64(seed: seed)
        }

        // MARK: Randomness

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

        /// True with probability `percent` / 100.
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

        mutating func shuffled<T>(_ items: [T]) -> [T] { items.shuffled(using: &rng) }

        /// `count` labels in random order, `share.1` of each `share.0`.
        mutating func deck<T>(_ shares: [(T, Int)]) -> [T] {
            shuffled(shares.flatMap { Array(repeating: $0.0, count: $0.1) })
        }

        // MARK: Time (Asia/Shanghai; LocalDate is +08:00 arithmetic)

        static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
            LocalDate(year: year, month: month, day: day)!
        }

        /// 1 January 2026 00:00 +08:00: "at year end" for the 2025 report.
        static let yearEnd = day(2026, 1, 1).startInstant

        mutating func day(_ from: LocalDate, _ to: LocalDate) -> LocalDate {
            LocalDate(dayNumber: int(from.dayNumber...to.dayNumber))
        }

        /// A Monday-to-Friday date in the range (the range must hold one).
        mutating func workday(_ from: LocalDate, _ to: LocalDate) -> LocalDate {
            var date = day(from, to)
            while date.isWeekend { date = day(from, to) }
            return date
        }

        /// Office hours, 08:00–17:30, whole minutes.
        mutating func time(on date: LocalDate) -> Date {
            at(date, 8, 0).addingTimeInterval(Double(int(0...570) * 60))
        }

        func at(_ date: LocalDate, _ hour: Int, _ minute: Int) -> Date {
            date.startInstant.addingTimeInterval(Double(hour * 3600 + minute * 60))
        }

        /// A time `days` days after `t` (0: 15–90 minutes later the same day), capped at `limit`'s
        /// date; `workday` moves a weekend to Monday (or, against the cap, back to Friday) — for
        /// courts, agencies and offices, which do not sit at weekends.
        mutating func later(_ t: Date, days: ClosedRange<Int>, notAfter limit: LocalDate? = nil, workday: Bool = false) -> Date {
            let start = LocalDate(t)
            var date = start.adding(days: int(days))
            if workday { while date.isWeekend { date = date.adding(days: 1) } }
            if let limit, date > limit {
                date = limit
                if workday { while date.isWeekend, date > start { date = date.adding(days: -1) } }
            }
            if date <= start { return t.addingTimeInterval(Double(int(15...90) * 60)) }
            return time(on: date)
        }

        // MARK: Records

        /// Numbers the drafts per workflow and opening year in order of opening, appends their
        /// events, and returns the numbers in the drafts' order.
        @discardableResult
        mutating func emit(_ drafts: [CaseDraft]) -> [String] {
            let order = drafts.indices.sorted { (drafts[$0].opened, $0) < (drafts[$1].opened, $1) }
            var numbers = Array(repeating: "", count: drafts.count)
            for index in order {
                let draft = drafts[index]
                let key = "\(draft.workflow.casePrefix)-\(LocalDate(draft.opened).year)"
                let serial = (serials[key] ?? 0) + 1
                serials[key] = serial
                let number = "\(key)-\(String(format: "%05d", serial))"
                numbers[index] = number
                for step in draft.steps {
                    append(.event(Interchange.EventLine(
                        county: county, workflow: draft.workflow, caseNumber: number, event: step.event,
                        at: step.at, actor: step.actor, data: step.data)))
                }
            }
            return numbers
        }

        mutating func log(_ kind: LogKind, _ at: Date, by actor: String, _ data: EventData) {
            logDrafts.append(LogDraft(kind: kind, at: at, actor: actor, data: data))
        }

        /// `count` log records with the same data on working days between two dates.
        mutating func logs(_ count: Int, _ kind: LogKind, from: LocalDate, to: LocalDate, by actors: [String], _ data: EventData) {
            for _ in 0..<count {
                let at = time(on: workday(from, to))
                log(kind, at, by: pick(actors), data)
            }
        }

        private mutating func append(_ line: Interchange.Line) {
            let at: Date
            switch line {
            case .event(let event): at = event.at
            case .log(let record): at = record.at
            }
            entries.append((at, entries.count, line))
        }

        /// Log ids (`R-2025-000031`) in order of time per kind and year, then every line by time.
        mutating func finish() -> [Interchange.Line] {
            let order = logDrafts.indices.sorted { (logDrafts[$0].at, $0) < (logDrafts[$1].at, $1) }
            for index in order {
                let record = logDrafts[index]
                let key = "\(record.kind.idPrefix)-\(LocalDate(record.at).year)"
                let serial = (serials[key] ?? 0) + 1
                serials[key] = serial
                append(.log(Interchange.LogLine(
                    county: county, kind: record.kind, id: "\(key)-\(String(format: "%06d", serial))",
                    at: record.at, actor: record.actor, data: record.data)))
            }
            return entries.sorted { ($0.at, $0.order) < ($1.at, $1.order) }.map(\.line)
        }
    }
}
