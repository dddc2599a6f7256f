/// The State Council's holiday notices for the years the product ships with (LEGAL-NOTES.md).
/// New years are loaded as data (`anjie calendar load`), not added here.
enum ShippedCalendars {
    static func dates(_ year: Int, _ spans: [(Int, Int, Int, Int)]) -> [LocalDate] {
        spans.flatMap { span -> [LocalDate] in
            let start = LocalDate(year: year, month: span.0, day: span.1)!
            let end = LocalDate(year: year, month: span.2, day: span.3)!
            return (start.dayNumber...end.dayNumber).map(LocalDate.init(dayNumber:))
        }
    }

    static func days(_ year: Int, _ list: [(Int, Int)]) -> [LocalDate] {
        list.map { LocalDate(year: year, month: $0.0, day: $0.1)! }
    }

    static let all: [WorkingCalendar.Year] = [
        WorkingCalendar.Year(
            year: 2024,
            holidays: dates(2024, [(1, 1, 1, 1), (2, 10, 2, 17), (4, 4, 4, 6), (5, 1, 5, 5), (6, 10, 6, 10),
                                   (9, 15, 9, 17), (10, 1, 10, 7)]),
            workdays: days(2024, [(2, 4), (2, 18), (4, 7), (4, 28), (5, 11), (9, 14), (9, 29), (10, 12)]),
            source: "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）"),
        WorkingCalendar.Year(
            year: 2025,
            holidays: dates(2025, [(1, 1, 1, 1), (1, 28, 2, 4), (4, 4, 4, 6), (5, 1, 5, 5), (5, 31, 6, 2),
                                   (10, 1, 10, 8)]),
            workdays: days(2025, [(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)]),
            source: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）"),
        WorkingCalendar.Year(
            year: 2026,
            holidays: dates(2026, [(1, 1, 1, 3), (2, 15, 2, 23), (4, 4, 4, 6), (5, 1, 5, 5), (6, 19, 6, 21),
                                   (9, 25, 9, 27), (10, 1, 10, 7)]),
            workdays: days(2026, [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)]),
            source: "国务院办公厅关于2026年部分节假日安排的通知"),
    ]
}
