import AnjieDomain
import Foundation
import Testing

@Suite struct YearBoundsTests {
    @Test func aYearRunsFromMidnightOfFirstJanuaryInBeijingToTheNext() throws {
        let year = try #require(YearBounds(2025))
        #expect(Timestamp.format(year.start) == "2025-01-01T00:00:00+08:00")
        #expect(Timestamp.format(year.end) == "2026-01-01T00:00:00+08:00")
        #expect(year.firstDay == LocalDate(year: 2025, month: 1, day: 1))
        #expect(year.contains(Timestamp.parse("2025-12-31T23:59:59+08:00")!))
        #expect(!year.contains(Timestamp.parse("2025-12-31T16:00:00Z")!))  // 2026-01-01 00:00 in Beijing
        #expect(!year.contains(Timestamp.parse("2024-12-31T23:59:59+08:00")!))
    }

    @Test func onlyRecordableYearsHaveBounds() throws {
        #expect(YearBounds(1900) != nil && YearBounds(2100) != nil)
        #expect(YearBounds(1899) == nil && YearBounds(2101) == nil && YearBounds(0) == nil && YearBounds(9999) == nil)
        let refusal = try #require(throws: DomainError.self) { try YearBounds.checked(9999) }
        #expect(refusal.code.rawValue == "invalid-input")
        #expect(refusal.zh == "年份应在1900至2100之间" && refusal.en == "the year must be between 1900 and 2100")
    }

    @Test func aListFilteredByAnUnrecordableYearKeepsNothing() throws {
        let none = YearBounds.filter(nil)
        #expect(none.start == nil && none.end == nil)
        let year = YearBounds.filter(2025)
        #expect(year.start == YearBounds(2025)!.start && year.end == YearBounds(2025)!.end)
        let empty = YearBounds.filter(1800)
        #expect(empty.start != nil && empty.start == empty.end)
    }
}
