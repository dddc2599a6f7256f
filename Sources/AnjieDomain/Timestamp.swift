import Foundation

/// Parsing and printing the `at` of events: RFC 3339 with an offset, always printed in +08:00.
public enum Timestamp {
    /// Whether an event may be dated at this instant: its year (in Beijing) is `YearBounds.recordable`.
    public static func isRecordable(_ instant: Date) -> Bool { YearBounds.recordable.contains(LocalDate(instant).year) }

    /// The engine's check, whatever the entry path (CLI, API, import, ledger).
    public static func checkRecordable(_ instant: Date) throws {
        guard isRecordable(instant) else {
            let years = "\(YearBounds.recordable.lowerBound)–\(YearBounds.recordable.upperBound)"
            throw DomainError.invalidInput("事件时间应在 \(years) 年之间：\(format(instant))",
                                           "an event's time must be in the years \(years): \(format(instant))")
        }
    }

    /// How far past the recording server's clock an event may be dated: a clerk's PC a few minutes
    /// fast is not refused; a mistyped year (2027 for 2026) is, since one future event would refuse
    /// every later one as "earlier than the previous event".
    public static let futureTolerance: TimeInterval = 5 * 60

    /// Whether `at` lies more than `futureTolerance` after `now`.
    public static func isFuture(_ at: Date, now: Date) -> Bool {
        at.timeIntervalSince(now) > futureTolerance
    }

    /// The engine's check on every entry path (CLI, API, import, ledger), naming both times.
    public static func checkNotFuture(_ at: Date, now: Date = Date()) throws {
        guard !isFuture(at, now: now) else {
            throw DomainError.invalidInput(
                "事件时间 \(format(at)) 晚于当前时间 \(format(now))（超过 \(Int(futureTolerance / 60)) 分钟）：不能记录将来的事件，请检查日期",
                "the event's time \(format(at)) is later than now, \(format(now)) (by more than \(Int(futureTolerance / 60)) minutes): an event cannot be in the future; check the date")
        }
    }

    /// `parse(text, now: Date())`.
    public static func parse(_ text: String) -> Date? {
        parse(text, now: Date())
    }

    /// Accepts RFC 3339 (`2025-03-02T09:30:00+08:00`, `…Z`, fractional seconds) and, for clerks,
    /// a local time without offset (`2025-03-02 09:30`) or a bare date, which means
    /// `LocalDate.instantWithoutTime(now:)` (12:00, or now when that is today and still ahead).
    public static func parse(_ text: String, now: Date) -> Date? {
        let s = text.trimmingWhitespace()
        if let date = LocalDate.parse(s) {
            return date.instantWithoutTime(now: now)
        }
        // Bytes, not Characters: every valid position is ASCII, so any other byte fails the same
        // checks, and grapheme breaking was a tenth of an import's client time.
        let chars = Array(s.utf8)
        guard chars.count >= 16 else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var value = 0
            for byte in chars[range] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func at(_ index: Int, _ options: String) -> Bool { options.utf8.contains(chars[index]) }
        guard let year = number(0..<4), at(4, "-"), let month = number(5..<7), at(7, "-"),
              let day = number(8..<10), at(10, "Tt "),
              let hour = number(11..<13), at(13, ":"), let minute = number(14..<16),
              let date = LocalDate(year: year, month: month, day: day), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0.0
        if index < chars.count, at(index, ":") {
            guard let whole = number(17..<19), whole < 61 else { return nil }
            second = Double(whole)
            index = 19
            if index < chars.count, at(index, ".,") {
                var end = index + 1
                while end < chars.count, isDigit(chars[end]) { end += 1 }
                guard end > index + 1 else { return nil }
                // digits / 10^n is the correctly rounded fraction, as Double("0.digits") was (n ≤ 15).
                let digits = chars[(index + 1)..<min(end, index + 16)]
                second += Double(digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }) / pow(10, Double(digits.count))
                index = end
            }
        }
        var offset = LocalDate.utcOffsetSeconds
        if index < chars.count {
            let sign = chars[index]
            if at(index, "Zz"), index + 1 == chars.count {
                offset = 0
            } else if at(index, "+-"), chars.count == index + 6, at(index + 3, ":"),
                      let oh = number((index + 1)..<(index + 3)), let om = number((index + 4)..<(index + 6)),
                      oh < 24, om < 60 {
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        let local = Double(date.dayNumber * 86_400 + hour * 3600 + minute * 60) + second
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    /// `2025-03-02T09:30:00+08:00`; milliseconds are kept when present.
    public static func format(_ instant: Date) -> String {
        let millis = Int64((instant.timeIntervalSince1970 * 1000).rounded())
        let localMillis = millis + Int64(LocalDate.utcOffsetSeconds) * 1000
        let dayMillis = Int64(86_400_000)
        let days = Int((Double(localMillis) / Double(dayMillis)).rounded(.down))
        let msOfDay = Int(localMillis - Int64(days) * dayMillis)
        let date = LocalDate(dayNumber: days)
        let h = msOfDay / 3_600_000, m = msOfDay / 60_000 % 60, sec = msOfDay / 1000 % 60, ms = msOfDay % 1000
        let fraction = ms == 0 ? "" : String(format: ".%03d", ms)
        return "\(date)T" + String(format: "%02d:%02d:%02d", h, m, sec) + fraction + "+08:00"
    }
}
