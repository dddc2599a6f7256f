import Foundation

/// A civil date in the county's zone. China has kept UTC+8 without daylight saving since 1991,
/// so local dates and times are plain arithmetic on a fixed offset — no time-zone database.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public static let utcOffsetSeconds = 8 * 3600

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it): proleptic Gregorian, Howard Hinnant's algorithm.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The county's calendar date of an instant.
    public init(_ instant: Date) {
        let seconds = Int((instant.timeIntervalSince1970).rounded(.down)) + LocalDate.utcOffsetSeconds
        self.init(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int {
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }

    /// 00:00 of this date in the county's zone.
    public var startInstant: Date {
        Date(timeIntervalSince1970: TimeInterval(dayNumber * 86_400 - LocalDate.utcOffsetSeconds))
    }

    /// 12:00 of this date in Beijing.
    public var noon: Date { startInstant.addingTimeInterval(12 * 3600) }

    /// What a date written without a time means, everywhere in Anjie (`--at`, the API, import, the
    /// ledger): 12:00 that day, so that two events logged "on the same day" after the fact keep a
    /// sensible order; but `now` when that is today and 12:00 is still ahead, so that a morning's
    /// event typed as today's date is not refused as a future time. A later date stays 12:00 and is
    /// refused as what it is.
    public func instantWithoutTime(now: Date) -> Date {
        self == LocalDate(now) && noon > now ? now : noon
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Accepts what clerks type: 2025-03-02, 2025/3/2, 2025.3.2, 2025年3月2日, 20250302.
    public static func parse(_ text: String) -> LocalDate? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.count == 8, trimmed.allSatisfy(\.isASCIIDigitChar) {
            let digits = Array(trimmed)
            return LocalDate(year: Int(String(digits[0..<4]))!, month: Int(String(digits[4..<6]))!,
                             day: Int(String(digits[6..<8]))!)
        }
        let parts = trimmed.split(whereSeparator: { "-/.年月日".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitChar) }),
              parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 else { return nil }
        if trimmed.contains("年") && !(trimmed.hasSuffix("日") || trimmed.hasSuffix("号")) { return nil }
        return LocalDate(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
    }
}

extension Character {
    var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
