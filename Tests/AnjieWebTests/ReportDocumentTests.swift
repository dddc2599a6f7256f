import AnjieDomain
@testable import AnjieWeb
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct ReportDocumentTests {
    static let counts: [String: IndicatorCounts] = [
        "mediation.mediated": .init(numerator: 1869), "mediation.succeeded": .init(numerator: 1825),
        "mediation.success_rate": .init(numerator: 1825, denominator: 1869),
        "mediation.big3_conclusion_rate": .init(numerator: 58, denominator: 60),
        "center.disputes": .init(numerator: 145),
    ]

    static func document(compare: Bool) -> ReportDocument {
        ReportDocument(title: "2025年依法化解矛盾纠纷情况", year: 2025, results: results(counts), compare: compare,
                       closureByTownship: .closureRates(title: "按乡镇", rows: [("大埔镇", 60, 58, nil)]),
                       closureByWorkflow: .closureRates(title: "按业务", rows: [("人民调解", 10, 9, nil)]),
                       generated: "2026-01-05 10:00")
    }

    @Test func aStandalonePrintablePageInTheReportsOwnPhrasing() throws {
        let html = Self.document(compare: false).html()
        let document = try parseXML(html)
        let text = allText(document)
        // The narrative of section 七, with the recomputed figures in it.
        #expect(text.contains("全县各级人民调解组织共调解民间纠纷1869件，成功调解1825件"))
        #expect(text.contains("调解成功率97.6%"))
        #expect(text.contains("调结率96.67%"))  // half-up, not the published truncation
        // Standalone: inline CSS with print rules, inline SVG, no scripts, no external resources.
        #expect(html.contains("@media print"))
        #expect(try document.nodes(forXPath: "//*[local-name()='svg']").count == 2)
        #expect(try document.nodes(forXPath: "//*[local-name()='script' or local-name()='link' or local-name()='img']").isEmpty)
        // Without --compare-published there is no published column.
        #expect(!text.contains("公布数据自相矛盾之处"))
        let row = try #require(try document.nodes(forXPath: "//*[@id='indicator-mediation.success_rate']").first)
        #expect(row.stringValue?.contains("1825/1869") == true)
    }

    @Test func comparingShowsPublishedFiguresAndReasons() throws {
        let document = try parseXML(Self.document(compare: true).html())
        let row = try #require(try document.nodes(forXPath: "//*[@id='indicator-mediation.big3_conclusion_rate']").first)
        let text = row.stringValue ?? ""
        let published = try #require(IndicatorRegistry.indicator("mediation.big3_conclusion_rate")?.published?.text)
        #expect(text.contains(published))     // the published figure, from the registry
        #expect(text.contains("✗"))
        #expect(text.contains("截断"))          // the reconciliation names the truncation
        #expect(allText(document).contains("公布数据自相矛盾之处"))
        let matching = try #require(try document.nodes(forXPath: "//*[@id='indicator-mediation.mediated']").first)
        #expect(matching.stringValue?.contains("✓") == true)
    }
}
