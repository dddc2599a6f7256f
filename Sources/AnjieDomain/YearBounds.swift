import Foundation

/// A calendar year in the county's zone (Beijing time) that records may be dated in: the one home
/// of "which years are allowed" and "where a year starts and ends", used by the entry paths'
/// checks, the report, the statistics and every list filtered by year.
public struct YearBounds: Sendable, Hashable {
    /// The years an event, a log record or a report may be dated in, on every entry path (a typo
    /// such as 9999 would open JF-9999-…, and extreme times overflow PostgreSQL's timestamp binding).
    public static let recordable = 1900...2100

    public let year: Int
    /// 1 January, 00:00 Beijing time.
    public let start: Date
    /// The next year's `start`: the year is `start ..< end`.
    public let end: Date

    /// Nil for a year outside `recordable`.
    public init?(_ year: Int) {
        guard Self.recordable.contains(year),
              let first = LocalDate(year: year, month: 1, day: 1),
              let next = LocalDate(year: year + 1, month: 1, day: 1) else { return nil }
        self.year = year
        start = first.startInstant
        end = next.startInstant
    }

    /// The year, or the refusal a person reads when it is outside `recordable`.
    public static func checked(_ year: Int) throws -> YearBounds {
        guard let bounds = YearBounds(year) else {
            throw DomainError.invalidInput("年份应在\(recordable.lowerBound)至\(recordable.upperBound)之间",
                                           "the year must be between \(recordable.lowerBound) and \(recordable.upperBound)")
        }
        return bounds
    }

    /// The instants a listing filtered by `year` keeps, as bind parameters: both nil when no year is
    /// asked for; an empty span when it is a year no record can be dated in.
    public static func filter(_ year: Int?) -> (start: Date?, end: Date?) {
        guard let year else { return (nil, nil) }
        guard let bounds = YearBounds(year) else {
            let nothing = YearBounds(recordable.lowerBound)!.start
            return (nothing, nothing)
        }
        return (bounds.start, bounds.end)
    }

    /// 1 January.
    public var firstDay: LocalDate { LocalDate(year: year, month: 1, day: 1)! }

    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }
}
