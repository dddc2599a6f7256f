import AnjieDomain
import AnjieStore
import Foundation
import Testing

@Suite struct ReportTests {
    static func loaded<T: Sendable>(_ label: String, _ body: @Sendable (Database) async throws -> T) async throws -> T {
        let fixture = ReportFixture.build()
        let path = try ImportExportTests.write(fixture.lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await TestDatabase.withFreshDatabase(label) { db, _ in
            let imported = try await Importer(db).run(path: path, dryRun: false)
            #expect(imported.errors.isEmpty, "\(imported.errors.prefix(3))")
            return try await body(db)
        }
    }

    @Test func everyIndicatorMatchesTheHandComputedFixture() async throws {
        try await Self.loaded("report") { db in
            let report = try await ReportService(db).report(county: "450222", year: 2025)
            #expect(Set(report.results.map(\.indicator.id)) == Set(ReportFixture.expected2025.keys),
                    "every indicator has a hand-computed answer")
            for result in report.results {
                guard let expected = ReportFixture.expected2025[result.indicator.id] else { continue }
                #expect(result.counts?.numerator == expected.0, "\(result.indicator.id) numerator")
                #expect(result.counts?.denominator == expected.1, "\(result.indicator.id) denominator")
            }
            #expect(report.result("mediation.success_rate")?.value == 80.0)
            #expect(report.result("mediation.big3_conclusion_rate")?.value == 33.33)
            #expect(report.result("mediation.big3_stable_rate")?.value == 66.7)
            #expect(report.result("mediation.litigation_cost_saved")?.formatted == "3600.00")
        }
    }

    @Test func aTownshipReportCountsOnlyItsCasesAndNoLogRecords() async throws {
        try await Self.loaded("township") { db in
            let report = try await ReportService(db).report(county: "450222", year: 2025, township: "龙头镇")
            #expect(report.result("mediation.mediated")?.counts?.numerator == 1)  // M2 only
            #expect(report.result("mediation.succeeded")?.counts?.numerator == 0)
            #expect(report.result("center.visitors")?.value == nil)
            #expect(report.result("center.visitors")?.matches == nil)
        }
    }

    @Test func theYearBeforeHasItsOwnFigures() async throws {
        try await Self.loaded("report2024") { db in
            let report = try await ReportService(db).report(county: "450222", year: 2024)
            #expect(report.result("mediation.mediated")?.counts?.numerator == 1)  // B2 agreed 2024-12-01
            #expect(report.result("mediation.big3_new")?.counts?.numerator == 3)   // B1, B2, B3
            #expect(report.result("center.disputes")?.counts?.numerator == 1)      // D4
            #expect(report.result("mediation.trainees")?.counts?.numerator == 99)
        }
    }

    @Test func closureStatisticsByWorkflow() async throws {
        try await Self.loaded("closure") { db in
            let rows = try await ClosureStatistics(db).closure(county: "450222", year: 2025, by: .workflow)
            let dispute = try #require(rows.first { $0.group == "dispute" })
            // D1, D2, D3, D5, D6 received; D1, D2 (resolved before reopening) and D3 concluded in 2025.
            #expect(dispute.received == 5 && dispute.concluded == 3)
            #expect(dispute.rate == 60.0)
            let notary = try #require(rows.first { $0.group == "notarization" })
            #expect(notary.received == 5 && notary.concluded == 0)
        }
    }
}

@Suite struct IndicatorArithmeticTests {
    @Test func halfUpRatesAndTheTruncationNote() throws {
        #expect(Rounding.halfUpPercent(58, 60, decimals: 2) == 96.67)
        #expect(Rounding.truncatedPercent(58, 60, decimals: 2) == 96.66)
        #expect(Rounding.halfUpPercent(1825, 1869, decimals: 1) == 97.6)
        #expect(Rounding.halfUpPercent(41, 43, decimals: 1) == 95.3)
        #expect(Rounding.halfUpPercent(1, 8, decimals: 1) == 12.5)
        #expect(Rounding.halfUpPercent(1, 16, decimals: 2) == 6.25)
        #expect(Rounding.halfUpPercent(1, 3, decimals: 1) == 33.3)
        #expect(Rounding.halfUpPercent(2, 3, decimals: 1) == 66.7)
        let rate = try #require(IndicatorRegistry.indicator("mediation.big3_conclusion_rate"))
        let result = IndicatorResult(rate, counts: IndicatorCounts(numerator: 58, denominator: 60))
        #expect(result.value == 96.67 && result.matches == false)
        #expect(result.note?.contains("截断") == true && result.note?.contains("96.67") == true)
    }

    @Test func courtFeesFollowTheCumulativeBands() {
        #expect(CourtFee.fee(forAmount: nil) == 50)
        #expect(CourtFee.fee(forAmount: 0) == 50)
        #expect(CourtFee.fee(forAmount: 10_000) == 50)
        #expect(CourtFee.fee(forAmount: 20_000) == 300)
        #expect(CourtFee.fee(forAmount: 100_000) == 2_300)
        #expect(CourtFee.fee(forAmount: 150_000) == 3_300)
        #expect(CourtFee.fee(forAmount: 1_000_000) == 13_800)
        #expect(CourtFee.fee(forAmount: 20_000_000) == 141_800)
        #expect(CourtFee.fee(forAmount: 30_000_000) == 191_800)
    }

    @Test func theSQLCourtFeeIsTheSameTable() async throws {
        try await TestDatabase.withFreshDatabase("courtfee") { db, _ in
            let amounts: [Double] = [0, 9_999.99, 10_000, 10_000.01, 55_555.55, 100_000, 123_456.78, 499_999, 1_500_000,
                                     4_000_000, 9_999_999, 15_000_000, 30_000_000]
            for amount in amounts {
                let rows = try await db.client.query("SELECT anjie_court_fee(\(amount)::numeric)::float8")
                for try await fee in rows.decode(Double.self) {
                    #expect(abs(fee - CourtFee.fee(forAmount: amount)) < 0.005, "\(amount)")
                }
            }
        }
    }

    @Test func moneyInTheReportsPhrasing() {
        #expect(ReportNarrative.wan(93_456.78) == "9万余元")
        #expect(ReportNarrative.wan(90_000) == "9万元")
        #expect(ReportNarrative.wan(8_650) == "8650.00元")
    }
}
