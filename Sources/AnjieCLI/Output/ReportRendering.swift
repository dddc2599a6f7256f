import AnjieDomain
import AnjieStore
import Foundation

/// The recomputed annual report as text, Markdown, JSON or CSV.
enum ReportRendering {
    static func title(_ report: ReportService.Report) -> String {
        "\(report.year)年依法化解矛盾纠纷情况（由案件记录重新计算）· \(report.countyLabel)" + (report.township.map { " · \($0)" } ?? "")
    }

    static func text(_ report: ReportService.Report, compare: Bool) -> String {
        var lines = [Terminal.bold(title(report)), ""]
        lines += ReportNarrative.paragraphs(year: report.year, results: report.results).map { "  " + $0 + "\n" }
        var header = ["指标 id", "名称 label", "重算 value", "分子/分母 num/den"]
        if compare { header += ["公布 published", "一致 match"] }
        var table = TextTable(header: header)
        for result in report.results {
            var row = [result.indicator.id, result.indicator.label, valueWithUnit(result), fraction(result)]
            if compare {
                row += [result.indicator.published?.text ?? "（未公布）",
                        result.matches.map { $0 ? Terminal.green("✓") : Terminal.red("✗") } ?? "—"]
            }
            table.rows.append(row)
        }
        lines.append(table.render())
        if compare { lines += differences(report) }
        return lines.joined(separator: "\n")
    }

    static func differences(_ report: ReportService.Report) -> [String] {
        var lines = ["", Terminal.bold("差异说明 Differences:")]
        let notes = report.results.filter { $0.matches == false || ($0.note != nil && $0.indicator.published != nil) }
        if notes.isEmpty { lines.append("  无 / none") }
        for result in notes {
            lines.append("  \(result.indicator.id)（\(result.indicator.label)）：\(result.note ?? "")")
        }
        lines.append("")
        lines.append(Terminal.bold("公布数据自相矛盾之处 Contradictions in the published report:"))
        lines += IndicatorRegistry.publishedContradictions.map { "  · " + $0 }
        return lines
    }

    static func markdown(_ report: ReportService.Report, compare: Bool) -> String {
        var lines = ["# \(title(report))", ""]
        lines += ReportNarrative.paragraphs(year: report.year, results: report.results).flatMap { [$0, ""] }
        lines.append(compare ? "| 指标 | 名称 | 重算 | 分子/分母 | 公布 | 一致 | 说明 |" : "| 指标 | 名称 | 重算 | 分子/分母 |")
        lines.append(compare ? "|---|---|---:|---:|---:|:-:|---|" : "|---|---|---:|---:|")
        for result in report.results {
            var row = "| `\(result.indicator.id)` | \(result.indicator.label) | \(valueWithUnit(result)) | \(fraction(result)) |"
            if compare {
                row += " \(result.indicator.published?.text ?? "未公布") | \(result.matches.map { $0 ? "✓" : "✗" } ?? "—") | \(result.note ?? "") |"
            }
            lines.append(row)
        }
        if compare {
            lines.append("")
            lines.append("## 公布数据自相矛盾之处")
            lines += IndicatorRegistry.publishedContradictions.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: ReportService.Report) -> JSONValue { RecordJSON.report(report) }

    static func csv(_ report: ReportService.Report) -> String {
        var lines = ["id,label,value,unit,numerator,denominator,published,matches,note"]
        for result in report.results {
            let fields = [
                result.indicator.id, result.indicator.label, result.value.map { Rounding.format($0, kind: result.indicator.kind) } ?? "",
                result.indicator.unit, result.counts.map { number($0.numerator) } ?? "",
                result.counts?.denominator.map(number) ?? "", result.indicator.published?.text ?? "",
                result.matches.map { $0 ? "true" : "false" } ?? "", result.note ?? "",
            ]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func valueWithUnit(_ result: IndicatorResult) -> String {
        result.value == nil ? "—" : result.formatted + result.indicator.unit
    }

    static func fraction(_ result: IndicatorResult) -> String {
        guard let counts = result.counts else { return "—" }
        guard let denominator = counts.denominator else { return number(counts.numerator) }
        return "\(number(counts.numerator))/\(number(denominator))"
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int64(value)) : String(format: "%.2f", value)
    }
}
