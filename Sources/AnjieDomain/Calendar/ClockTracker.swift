/// One deadline of DOMAIN.md's table, declared once in its workflow's rules: name, length, unit and
/// legal basis. A rule that enforces the same period (the 30 days for judicial confirmation) reads
/// the same constant, so the rule and the clock cannot disagree.
public struct ClockSpec: Sendable {
    public let id: String
    public let zh: String
    public let en: String
    public let length: Int
    public let unit: Clock.Unit
    /// The statute or setting the period comes from (shown with the clock).
    public let basis: String
    /// What the law says happens when it lapses (e.g. deemed accepted), if anything.
    public let lapse: String?
    /// A party's window (to object, correct, apply) rather than the bureau's obligation.
    public let isWindow: Bool
    /// Calendar periods end on the next working day when their last day is a rest day (民诉法 art. 85).
    public let shiftsOffRestDays: Bool
    public let kind: Clock.Kind

    public init(_ id: String, _ zh: String, _ en: String, length: Int, unit: Clock.Unit, basis: String,
                lapse: String? = nil, isWindow: Bool = false, shiftsOffRestDays: Bool = true, kind: Clock.Kind = .statutory) {
        self.id = id
        self.zh = zh
        self.en = en
        self.length = length
        self.unit = unit
        self.basis = basis
        self.lapse = lapse
        self.isWindow = isWindow
        self.shiftsOffRestDays = shiftsOffRestDays
        self.kind = kind
    }

    /// A deadline whose date is given by an event's `due` field (交办、督办), not counted from a length.
    public static func setDate(_ id: String, _ zh: String, _ en: String, basis: String, kind: Clock.Kind = .centreSet) -> ClockSpec {
        ClockSpec(id, zh, en, length: 0, unit: .calendarDays, basis: basis, kind: kind)
    }

    /// The same clock with another length or unit (a county setting, a simplified procedure).
    public func with(length: Int? = nil, unit: Clock.Unit? = nil) -> ClockSpec {
        ClockSpec(id, zh, en, length: length ?? self.length, unit: unit ?? self.unit, basis: basis, lapse: lapse,
                  isWindow: isWindow, shiftsOffRestDays: shiftsOffRestDays, kind: kind)
    }
}

/// Follows one clock through a case's events: started (or restarted) by some, stopped by others,
/// paused and extended by a few. `clock(…)` then computes its due date and explanation.
public struct ClockTracker: Sendable {
    public let id: String
    public let zh: String
    public let en: String
    public var length: Int
    public var unit: Clock.Unit
    public let basis: String
    public let kind: Clock.Kind
    /// Calendar periods end on the next working day when their last day is a rest day (民诉法 art. 85).
    public var shiftsOffRestDays = true
    public var lapse: String?
    /// A party's window (to object, correct, apply) rather than the bureau's obligation.
    public var isWindow = false
    private(set) var start: (date: LocalDate, event: String)?
    private var stopped: LocalDate?
    private var pausedSince: LocalDate?
    private var paused = 0
    private var extensionDays = 0
    /// A due date given by the starting event (交办/督办 `due`), instead of one counted from a length.
    private var fixedDue: LocalDate?

    public init(_ spec: ClockSpec) {
        id = spec.id
        zh = spec.zh
        en = spec.en
        length = spec.length
        unit = spec.unit
        basis = spec.basis
        kind = spec.kind
        lapse = spec.lapse
        isWindow = spec.isWindow
        shiftsOffRestDays = spec.shiftsOffRestDays
    }

    /// Starts the clock (again) on `date`; `event` names what started it, in the explanation.
    public mutating func begin(_ date: LocalDate, by event: String) {
        start = (date, event)
        stopped = nil
        pausedSince = nil
        paused = 0
        extensionDays = 0
        fixedDue = nil
    }

    /// Starts the clock on `date` with a due date the event set (a `due` field), not a length.
    public mutating func begin(_ date: LocalDate, by event: String, due: LocalDate) {
        begin(date, by: event)
        fixedDue = due
    }

    public mutating func stop(_ date: LocalDate) {
        if start != nil, stopped == nil { stopped = date }
    }

    /// The awaited event was undone (a rejected confirmation): the same clock runs on.
    public mutating func reopen() { stopped = nil }

    public mutating func pause(_ date: LocalDate) {
        if start != nil, stopped == nil, pausedSince == nil { pausedSince = date }
    }

    public mutating func resume(_ date: LocalDate) {
        if let since = pausedSince { paused += date.dayNumber - since.dayNumber }
        pausedSince = nil
    }

    public mutating func extend(by days: Int) { extensionDays += days }

    public func clock(calendar: WorkingCalendar, today: LocalDate) throws -> Clock? {
        guard let start else { return nil }
        // Still paused: the pause so far counts, so the due date moves day by day until resumed.
        let pausedDays = paused + (pausedSince.map { max(0, today.dayNumber - $0.dayNumber) } ?? 0)
        if let fixedDue {
            let steps = ["\(start.date) \(start.event)", "指定期限 due date set by the event", "→ \(fixedDue) 届满 due"]
            return Clock(id: id, zh: zh, en: en, start: start.date, startEvent: start.event, length: fixedDue.dayNumber - start.date.dayNumber,
                         unit: .calendarDays, pausedDays: 0, extensionDays: 0, due: fixedDue, stoppedAt: stopped,
                         explanation: steps.joined(separator: "；"), lapse: lapse, isWindow: isWindow, basis: basis, kind: kind)
        }
        var steps = ["\(start.date) \(start.event)（次日起算 counting starts the next day）"]
        let due: LocalDate
        switch unit {
        case .workingDays:
            due = try calendar.addingWorkdays(length, to: start.date)
            steps.append("\(length)个工作日 working days")
            let special = Self.specialDays(from: start.date.adding(days: 1), through: due, calendar: calendar)
            if !special.isEmpty { steps.append(special) }
        case .calendarDays:
            steps.append("\(length)日 days")
            if extensionDays > 0 { steps.append("延长 extended \(extensionDays)日") }
            if pausedDays > 0 { steps.append("中止期间不计 paused \(pausedDays)日") }
            let last = start.date.adding(days: length + extensionDays + pausedDays)
            if shiftsOffRestDays, try !calendar.isWorkday(last) {
                due = try calendar.nextWorkday(onOrAfter: last)
                steps.append("\(last) 为法定休息日，顺延 is a rest day, moved to the next working day")
            } else {
                due = last
            }
        }
        steps.append("→ \(due) 届满 due")
        return Clock(id: id, zh: zh, en: en, start: start.date, startEvent: start.event, length: length, unit: unit,
                     pausedDays: pausedDays, extensionDays: extensionDays, due: due, stoppedAt: stopped,
                     explanation: steps.joined(separator: "；"), lapse: lapse, isWindow: isWindow, basis: basis, kind: kind)
    }

    /// "9-28 调休上班；10-01…10-08 节假日" for the days in a span that are not ordinary.
    static func specialDays(from first: LocalDate, through last: LocalDate, calendar: WorkingCalendar) -> String {
        guard first <= last else { return "" }
        var parts: [String] = []
        var run: (LocalDate, LocalDate)?
        func short(_ d: LocalDate) -> String { String(d.description.dropFirst(5)) }
        func flush() {
            if let (a, b) = run { parts.append(a == b ? "\(short(a)) 节假日 holiday" : "\(short(a))…\(short(b)) 节假日 holiday") }
            run = nil
        }
        for n in first.dayNumber...last.dayNumber {
            let day = LocalDate(dayNumber: n)
            if calendar.isHoliday(day) {
                if let (a, b) = run, b.adding(days: 1) == day { run = (a, day) } else { flush(); run = (day, day) }
            } else {
                flush()
                if calendar.isMakeUpWorkday(day) { parts.append("\(short(day)) 调休上班 make-up working day") }
            }
        }
        flush()
        return parts.joined(separator: "，")
    }
}
