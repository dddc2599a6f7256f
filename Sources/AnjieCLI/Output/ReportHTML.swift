import AnjieDomain
import AnjieStore
import AnjieWeb
import Foundation

/// `anjie report --format html`: the annual-statistics section as a standalone printable page, with
/// the dashboard's closure charts (same `BarChart` code) and, with --compare-published, the
/// published figures beside the recomputed ones.
enum ReportHTML {
    struct Closure: Sendable {
        let byTownship: [ClosureStatistics.Row]
        let byWorkflow: [ClosureStatistics.Row]
    }

    /// The closure rows the charts need, limited to the report's township when it has one.
    static func closure(db: Database, county: String, year: Int, township: String?) async throws -> Closure {
        let statistics = ClosureStatistics(db)
        let scope = township.map { [$0] } ?? []
        return Closure(byTownship: try await statistics.closure(county: county, year: year, by: .township, townships: scope),
                       byWorkflow: try await statistics.closure(county: county, year: year, by: .workflow, townships: scope))
    }

    static func render(_ report: ReportService.Report, closure: Closure, compare: Bool, now: Date = Date()) -> String {
        let townships = BarChart.closureRates(title: "\(report.year)年各乡镇办结率", rows: closure.byTownship.map {
            ($0.group, $0.received, $0.concluded, nil)
        })
        let workflows = BarChart.closureRates(title: "\(report.year)年各业务办结率", rows: closure.byWorkflow.map {
            (WorkflowID.registered($0.group)?.label ?? $0.group, $0.received, $0.concluded, nil)
        })
        let generated = String(Timestamp.format(now).replacingOccurrences(of: "T", with: " ").prefix(16))
        return ReportDocument(title: ReportRendering.title(report), year: report.year, results: report.results, compare: compare,
                              closureByTownship: townships, closureByWorkflow: workflows, generated: generated).html()
    }
}
