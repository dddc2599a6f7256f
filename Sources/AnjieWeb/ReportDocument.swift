import AnjieDomain

/// The annual-statistics section as one standalone, printable HTML page (`anjie report --format
/// html`): the report's own phrasing (`ReportNarrative`), the closure charts the dashboard draws,
/// every indicator with numerator and denominator, and — when asked — the published figures beside.
public struct ReportDocument: Sendable {
    public var title: String
    public var year: Int
    public var results: [IndicatorResult]
    public var compare: Bool
    public var closureByTownship: BarChart
    public var closureByWorkflow: BarChart
    /// When the page was made, as the caller wants it printed (kept out of the renderer so it is pure).
    public var generated: String

    public init(title: String, year: Int, results: [IndicatorResult], compare: Bool, closureByTownship: BarChart,
                closureByWorkflow: BarChart, generated: String) {
        self.title = title
        self.year = year
        self.results = results
        self.compare = compare
        self.closureByTownship = closureByTownship
        self.closureByWorkflow = closureByWorkflow
        self.generated = generated
    }

    struct Row {
        let id: String
        let label: String
        let value: String
        let fraction: String
        let published: String
        let match: String
        let matchClass: String
        let note: String
    }

    struct Context {
        let title: String
        let year: Int
        let paragraphs: [String]
        let townshipChart: String
        let workflowChart: String
        let compare: Bool
        let rows: [Row]
        let contradictions: [String]
        let generated: String
    }

    public func html() -> String {
        let rows = results.map { result in
            Row(id: result.indicator.id, label: result.indicator.label, value: KeyFigures.withUnit(result),
                fraction: Self.fraction(result.counts), published: result.indicator.published?.text ?? "未公布",
                match: result.matches.map { $0 ? "✓" : "✗" } ?? "—",
                matchClass: result.matches.map { $0 ? "match-yes" : "match-no" } ?? "",
                note: result.note ?? "")
        }
        let context = Context(title: title, year: year, paragraphs: ReportNarrative.paragraphs(year: year, results: results),
                              townshipChart: closureByTownship.svg(), workflowChart: closureByWorkflow.svg(),
                              compare: compare, rows: rows, contradictions: IndicatorRegistry.publishedContradictions,
                              generated: generated)
        return WebPages.page(title: title, viewer: nil, body: WebPages.render("report", context))
    }

    /// "1825/1869", "174", or "—".
    static func fraction(_ counts: IndicatorCounts?) -> String {
        guard let counts else { return "—" }
        func number(_ value: Double) -> String {
            value.rounded() == value ? String(Int64(value)) : Rounding.format(value, kind: .amount)
        }
        return counts.denominator.map { "\(number(counts.numerator))/\(number($0))" } ?? number(counts.numerator)
    }
}

extension BarChart {
    /// Closure-rate bars from (group label, received, concluded) rows: "96.7%（58/60）".
    public static func closureRates(title: String, rows: [(label: String, received: Int, concluded: Int, href: String?)]) -> BarChart {
        BarChart(title: title, bars: rows.map { row in
            let percent = row.received > 0 ? Rounding.halfUpPercent(Int64(row.concluded), Int64(row.received), decimals: 1) : nil
            let text = percent.map { Rounding.format($0, kind: .rate(decimals: 1)) + "%" } ?? "—"
            return Bar(label: row.label, percent: percent, valueText: "\(text)（\(row.concluded)/\(row.received)）", href: row.href)
        })
    }
}
