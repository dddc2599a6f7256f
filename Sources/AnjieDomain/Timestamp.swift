import Foundation

/// Parsing and printing the `at` of events: RFC 3339 with an offset, always printed in +08:00.
public enum Timestamp {
    /// Accepts RFC 3339 (`2025-03-02T09:30:00+08:00`, `…Z`, fractional seconds) and, for clerks,
    /// a local time without offset (`2025-03-02 09:30`) or a bare date, which means 12:00 local time
    /// so that two events logged "on the same day" after the fact keep a sensible order.
    public static func parse(_ text: String) -> Date? {
        let s = text.trimmingWhitespace()
        if let date = LocalDate.parse(s) {
            return date.startInstant.addingTimeInterval(12 * 3600)
        }
        let chars = Array(s)
        guard chars.count >= 16 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            let slice = chars[range]
            guard slice.allSatisfy(\.isASCIIDigitChar) else { return nil }
            return Int(String(slice))
        }
        guard let year = number(0..<4), chars[4] == "-", let month = number(5..<7), chars[7] == "-",
              let day = number(8..<10), chars[10] == "T" || chars[10] == " " || chars[10] == "t",
              let hour = number(11..<13), chars[13] == ":", let minute = number(14..<16),
              let date = LocalDate(year: year, month: month, day: day), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0.0
        if index < chars.count, chars[index] == ":" {
            guard let whole = number(17..<19), whole < 61 else { return nil }
            second = Double(whole)
            index = 19
            if index < chars.count, chars[index] == "." || chars[index] == "," {
                var end = index + 1
                while end < chars.count, chars[end].isASCIIDigitChar { end += 1 }
                guard end > index + 1 else { return nil }
                second += Double("0." + String(chars[(index + 1)..<end]))!
                index = end
            }
        }
        var offset = LocalDate.utcOffsetSeconds
        if index < chars.count {
            let sign = chars[index]
            if sign == "Z" || sign == "z", index + 1 == chars.count {
                offset = 0
            } else if sign == "+" || sign == "-", chars.count == index + 6, chars[index + 3] == ":",
                      let oh = number((index + 1)..<(index + 3)), let om = number((index + 4)..<(index + 6)),
                      oh < 24, om < 60 {
                offset = (oh * 3600 + om * 60) * (sign == "-" ? -1 : 1)
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
