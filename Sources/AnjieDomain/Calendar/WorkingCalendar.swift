/// Working days (工作日) per the State Council's yearly holiday notice: weekends and public holidays
/// are rest days, make-up working days (调休上班) are working days. Years are versioned data; asking
/// about a year with no calendar is an error, never a guess.
public struct WorkingCalendar: Sendable, Equatable {
    /// One year's notice.
    public struct Year: Sendable, Equatable, Codable {
        public let year: Int
        public let holidays: [LocalDate]
        public let workdays: [LocalDate]
        /// Where the data comes from (the notice's number).
        public let source: String

        public init(year: Int, holidays: [LocalDate], workdays: [LocalDate], source: String) {
            self.year = year
            self.holidays = holidays.sorted()
            self.workdays = workdays.sorted()
            self.source = source
        }

        /// Every date must be in its year, no date both a holiday and a make-up day, make-up days on
        /// weekends only (a weekday is a working day already).
        public func validate() throws {
            var problems: [String] = []
            for date in holidays + workdays where date.year != year { problems.append("\(date) 不属于 \(year) 年 / is not in \(year)") }
            for date in Set(holidays).intersection(workdays) { problems.append("\(date) 既是假日又是调休工作日 / both holiday and workday") }
            for date in workdays where !date.isWeekend { problems.append("\(date) 是工作日，无须调休 / a make-up workday must be a weekend day") }
            guard problems.isEmpty else {
                throw DomainError.invalidInput("日历数据有误：" + problems.joined(separator: "；"), "invalid calendar: " + problems.joined(separator: "; "))
            }
        }
    }

    public private(set) var years: [Int: Year]
    private var holidaySet: Set<LocalDate>
    private var workdaySet: Set<LocalDate>

    public init(_ years: [Year]) {
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { $1 })
        holidaySet = Set(years.flatMap(\.holidays))
        workdaySet = Set(years.flatMap(\.workdays))
    }

    /// The calendar shipped with the product (2024–2026), before any loaded by an administrator.
    public static let shipped = WorkingCalendar(ShippedCalendars.all)

    /// A new calendar with `year` added or replaced.
    public func loading(_ year: Year) -> WorkingCalendar {
        WorkingCalendar(Array(years.filter { $0.key != year.year }.values) + [year])
    }

    public func covers(_ year: Int) -> Bool { years[year] != nil }

    func require(_ date: LocalDate) throws {
        guard covers(date.year) else {
            let loaded = years.keys.sorted().map(String.init).joined(separator: ", ")
            throw DomainError(code: .noCalendar,
                              zh: "没有 \(date.year) 年的节假日安排，请先用 anjie calendar load 载入（已载入：\(loaded)）",
                              en: "no holiday calendar for \(date.year); load it with anjie calendar load (loaded: \(loaded))")
        }
    }

    public func isWorkday(_ date: LocalDate) throws -> Bool {
        try require(date)
        if holidaySet.contains(date) { return false }
        if workdaySet.contains(date) { return true }
        return !date.isWeekend
    }

    public func isHoliday(_ date: LocalDate) -> Bool { holidaySet.contains(date) }
    public func isMakeUpWorkday(_ date: LocalDate) -> Bool { workdaySet.contains(date) }

    /// The `count`-th working day after `date` (the starting day is not counted).
    public func addingWorkdays(_ count: Int, to date: LocalDate) throws -> LocalDate {
        precondition(count >= 0, "a period is never negative")
        var day = date
        var remaining = count
        while remaining > 0 {
            day = day.adding(days: 1)
            if try isWorkday(day) { remaining -= 1 }
        }
        return day
    }

    /// The first working day on or after `date` (民诉法 art. 85: a period ending on a rest day ends
    /// on the next working day).
    public func nextWorkday(onOrAfter date: LocalDate) throws -> LocalDate {
        var day = date
        while try !isWorkday(day) { day = day.adding(days: 1) }
        return day
    }
}
