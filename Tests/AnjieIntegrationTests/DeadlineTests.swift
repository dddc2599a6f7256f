import AnjieDomain
import AnjieStore
import Foundation
import Testing

@Suite struct DeadlineTests {
    /// The open clocks, requiring that every case could be computed (no year without a calendar).
    static func allComputed(_ db: Database, today: LocalDate) async throws -> [DeadlineService.Entry] {
        let open = try await DeadlineService(db).open(.init(county: "450222"), today: today)
        #expect(open.uncomputable.isEmpty, "\(open.uncomputable.map(\.en))")
        return open.entries
    }

    @Test func loadingAChangedCalendarMovesOpenCasesDueDates() async throws {
        var fixture = ReportFixture()
        fixture.review("R9", "2026-12-28")
        let path = try ImportExportTests.write(fixture.lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("calendarload") { db, _ in
            // Recorded as on that day: the review (2026-12-28) is not in the future then.
            var importer = Importer(db)
            importer.now = LocalDate(year: 2026, month: 12, day: 28)!.noon
            #expect(try await importer.run(path: path, dryRun: false).committed)
            let today = LocalDate(year: 2026, month: 12, day: 28)!
            // 2027 has no calendar yet: a clock that reaches into it is not guessed; the case is named
            // as uncomputable, and the cases that stay within 2026 are still listed.
            let partial = try await DeadlineService(db).open(.init(county: "450222"), today: today)
            #expect(!partial.uncomputable.isEmpty)
            #expect(partial.uncomputable.allSatisfy { $0.en.contains("2027") })
            #expect(!partial.entries.contains { $0.clock.id == "acceptance_review" })
            let holidays = (1...3).map { LocalDate(year: 2027, month: 1, day: $0)! }
            try await CalendarStore(db).load(WorkingCalendar.Year(year: 2027, holidays: holidays, workdays: [], source: "test"), by: "test")
            let first = try await Self.allComputed(db, today: today)
            // 12-29, 12-30, 12-31, then 01-01…01-03 off, 01-04, 01-05.
            #expect(first.first { $0.clock.id == "acceptance_review" }?.clock.due == LocalDate(year: 2027, month: 1, day: 5))
            // A new version declares 12-31 a holiday (as if the notice had said so): the due date moves.
            try await CalendarStore(db).load(WorkingCalendar.Year(year: 2026, holidays: WorkingCalendar.shipped.years[2026]!.holidays
                + [LocalDate(year: 2026, month: 12, day: 31)!], workdays: WorkingCalendar.shipped.years[2026]!.workdays, source: "v2"), by: "test")
            let moved = try await Self.allComputed(db, today: today)
            #expect(moved.first { $0.clock.id == "acceptance_review" }?.clock.due == LocalDate(year: 2027, month: 1, day: 6))
        }
    }

    @Test func countySettingsChangeTheLegalAidDecisionUnit() async throws {
        var fixture = ReportFixture()
        fixture.event("legal_aid", "L9", "apply", "2025-09-29", ["case_type": .string("civil"), "matter": .string("欠薪"),
                                                                 "parties": ReportFixture.person])
        let path = try ImportExportTests.write(fixture.lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("aidunit") { db, _ in
            #expect(try await Importer(db).run(path: path, dryRun: false).committed)
            let today = LocalDate(year: 2025, month: 10, day: 1)!
            let calendarDays = try await Self.allComputed(db, today: today)
            #expect(calendarDays.first?.clock.due == LocalDate(year: 2025, month: 10, day: 9))
            try await CalendarStore(db).setSetting(county: "450222", key: "legal_aid_decision_days", value: "working")
            let workingDays = try await Self.allComputed(db, today: today)
            #expect(workingDays.first?.clock.due == LocalDate(year: 2025, month: 10, day: 15))
            await #expect(throws: DomainError.self) {
                try await CalendarStore(db).setSetting(county: "450222", key: "legal_aid_decision_days", value: "fortnights")
            }
        }
    }
}
