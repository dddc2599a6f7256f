import AnjieDomain
@testable import AnjieWeb
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The pages are XHTML-compatible on purpose: an XML parser is a real well-formedness check.
func parseXML(_ html: String) throws -> XMLDocument {
    try XMLDocument(xmlString: html, options: [])
}

/// All text and attribute values of the document, as a browser would show them (entities decoded).
func allText(_ document: XMLDocument) -> String {
    document.rootElement()?.stringValue ?? ""
}

func results(_ counts: [String: IndicatorCounts]) -> [IndicatorResult] {
    IndicatorRegistry.all.map { IndicatorResult($0, counts: counts[$0.id]) }
}

@Suite struct BarChartTests {
    @Test func barsAreProportionalAndLinked() throws {
        let chart = BarChart.closureRates(title: "按乡镇", rows: [
            ("大埔镇", 60, 58, "/cases?township=%E5%A4%A7"), ("龙头镇", 10, 5, nil), ("空", 0, 0, nil),
        ])
        let document = try parseXML(chart.svg())
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        let widths = try root.nodes(forXPath: "//*[local-name()='rect']/@width").compactMap(\.stringValue).compactMap(Double.init)
        // 58/60 = 96.7 % and 5/10 = 50 % of the 360-unit bar area; nothing to divide draws no bar.
        #expect(widths == [348.1, 180, 0])
        let links = try root.nodes(forXPath: "//*[local-name()='a']/@href").compactMap(\.stringValue)
        #expect(links == ["/cases?township=%E5%A4%A7"])
        #expect(allText(document).contains("96.7%（58/60）"))
        #expect(allText(document).contains("—（0/0）"))
    }

    @Test func labelsAreEscaped() throws {
        let chart = BarChart(title: "t<&>", bars: [.init(label: "<script>alert(1)</script>", percent: 10, valueText: "a&b", href: "/x?a=1&b=2")])
        let svg = chart.svg()
        #expect(!svg.contains("<script>"))
        let document = try parseXML(svg)
        #expect(allText(document).contains("<script>alert(1)</script>"))  // shown as text, not markup
        let href = try document.nodes(forXPath: "//*[local-name()='a']/@href").first?.stringValue
        #expect(href == "/x?a=1&b=2")
    }
}

@Suite struct DashboardPageTests {
    static func view(figures: [FigureView], viewer: String = "督办<甲>") -> DashboardView {
        DashboardView(
            county: "450222", year: 2025, today: "2026-01-05", scope: "全县", viewer: viewer,
            townships: [LinkChoice(label: "全县", href: "/?year=2025", selected: true),
                        LinkChoice(label: "大埔镇", href: "/?year=2025&township=%E5%A4%A7%E5%9F%94%E9%95%87", selected: false)],
            years: [LinkChoice(label: "2025", href: "/?year=2025", selected: true)],
            figures: figures,
            closureByTownship: .closureRates(title: "按乡镇", rows: [("大埔镇", 40, 30, "/cases?year=2025&township=x")]),
            closureByWorkflow: .closureRates(title: "按业务", rows: [("人民调解", 100, 97, "/cases?year=2025&workflow=mediation")]),
            overdue: [DeadlineRow(workflow: "行政复议", caseNumber: "FY-2025-00003", href: "/cases/review/FY-2025-00003",
                                  township: "大埔镇", clock: "审理期限", due: "2025-06-01", status: "逾期12天", overdue: true)],
            overdueTotal: 7, dueSoon: [], dueSoonTotal: 0, dueSoonDays: 7,
            followUps: [FollowUpRow(caseNumber: "JF-2025-00002", href: "/cases/dispute/JF-2025-00002", township: "龙头镇",
                                    routed: "2025-02-01", lastWeekly: "—", lastMonthly: "2025-02-20", missingTiers: "网格",
                                    weeklyLate: true, monthlyLate: false)],
            followUpTotal: 3, followUpBehind: 1, rowLimit: 20,
            advisory: [DeadlineRow(workflow: "人民调解", caseNumber: "TJ-2025-00009", href: "/cases/mediation/TJ-2025-00009",
                                   township: "大埔镇", clock: "调解一般应在一个月内调结", kind: "指导性期限", due: "2025-05-01",
                                   status: "逾期3天", overdue: true)],
            advisoryTotal: 1, overdueAll: "/deadlines?list=overdue", advisoryAll: "/deadlines?list=advisory")
    }

    static let thisYear = results([
        "mediation.mediated": .init(numerator: 1869), "mediation.success_rate": .init(numerator: 1825, denominator: 1869),
        "center.disputes": .init(numerator: 145),
    ])
    static let lastYear = results([
        "mediation.mediated": .init(numerator: 1800), "mediation.success_rate": .init(numerator: 1700, denominator: 1800),
    ])

    @Test func keyFiguresComeFromTheResultsWithLastYearAndLinks() throws {
        let figures = KeyFigures.figures(thisYear: Self.thisYear, lastYear: Self.lastYear) { "/cases?indicator=\($0)&year=2025" }
        let mediated = try #require(figures.first { $0.id == "mediation.mediated" })
        #expect(mediated.value == "1869件")
        #expect(mediated.lastValue == "1800件")
        #expect(mediated.change == "+69件")
        let rate = try #require(figures.first { $0.id == "mediation.success_rate" })
        #expect(rate.value == "97.6%")          // 1825/1869 half-up to one decimal
        #expect(rate.lastValue == "94.4%")      // 1700/1800
        #expect(rate.change == "+3.2个百分点")
        let disputes = try #require(figures.first { $0.id == "center.disputes" })
        // Nothing computed last year: shown as "—", and no change is claimed.
        #expect(disputes.lastValue == "—" && disputes.change == nil)
        // A figure that cannot be computed has no link: there are no cases behind "—".
        let review = try #require(figures.first { $0.id == "mediation.big3_conclusion_rate" })
        #expect(review.value == "—" && review.href == nil)
        #expect(figures.map(\.id) == KeyFigures.ids)
    }

    @Test func thePageIsWellFormedAndShowsFiguresChartsAndLinks() throws {
        let figures = KeyFigures.figures(thisYear: Self.thisYear, lastYear: Self.lastYear) { "/cases?indicator=\($0)&year=2025" }
        let html = WebPages.dashboard(Self.view(figures: figures))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let document = try parseXML(html)
        let text = allText(document)
        #expect(text.contains("1869件") && text.contains("97.6%") && text.contains("145件"))
        #expect(text.contains("2024年：1800件"))
        #expect(text.contains("督办<甲>"))  // escaped in the markup, shown as typed
        #expect(!html.contains("督办<甲>"))
        let hrefs = try document.nodes(forXPath: "//*[local-name()='a']/@href").compactMap(\.stringValue)
        #expect(hrefs.contains("/cases?indicator=mediation.mediated&year=2025"))
        #expect(hrefs.contains("/cases/review/FY-2025-00003"))
        #expect(hrefs.contains("/cases/dispute/JF-2025-00002"))
        #expect(hrefs.contains("/cases?year=2025&workflow=mediation"))
        let svgs = try document.nodes(forXPath: "//*[local-name()='svg']")
        #expect(svgs.count == 2)
        #expect(html.contains("@media print"))
        #expect(!html.contains("<script"))  // works without JavaScript
        #expect(text.contains("仅列出前 1 项"))  // 7 overdue, one row shown
        #expect(hrefs.contains("/deadlines?list=overdue"))  // …and the way to all seven
        #expect(text.contains("查看全部 7 项"))
        // No style attribute anywhere: the Content-Security-Policy allows the one stylesheet only.
        #expect(try document.nodes(forXPath: "//@style").isEmpty)
        #expect(html.contains("<style>\(WebPages.inlineStyle)</style>"))
        // Only the late rhythm is marked: the weekly review, not the visit.
        let marked = try document.nodes(forXPath: "//*[local-name()='td'][@class='overdue']").compactMap(\.stringValue)
        #expect(marked.contains("—") && !marked.contains("2025-02-20"))
    }

    @Test func loginAndMessagePagesAreWellFormed() throws {
        let login = try parseXML(WebPages.login(error: "令牌无效 <x>", formToken: "abc123"))
        #expect(allText(login).contains("令牌无效 <x>"))
        #expect(try login.nodes(forXPath: "//*[local-name()='form'][@method='post'][@action='/login']").count == 1)
        // A user name and a password, and the cross-site token the server checks against its cookie.
        #expect(try login.nodes(forXPath: "//*[local-name()='input'][@name='name'][@type='text']").count == 1)
        #expect(try login.nodes(forXPath: "//*[local-name()='input'][@name='password'][@type='password']").count == 1)
        #expect(try login.nodes(forXPath: "//*[local-name()='input'][@name='csrf'][@type='hidden'][@value='abc123']").count == 1)
        // No shell command for people: the form says whom to ask.
        #expect(!allText(login).contains("anjie "))
        // Before login there is no navigation (and no logout button).
        #expect(try login.nodes(forXPath: "//*[local-name()='header']").isEmpty)
        let message = try parseXML(WebPages.message(heading: "无权查看", text: "登记员令牌不能查看督办看板", linkHref: "/login",
                                                    linkText: "换一个令牌登录", viewer: nil))
        #expect(allText(message).contains("登记员令牌不能查看督办看板"))
    }

    @Test func caseListAndDetailAreWellFormed() throws {
        let list = CaseListView(title: "2025年 调解民间纠纷", definition: "当年调解终结 & 其他", total: 2,
                                rows: [CaseRow(workflow: "人民调解", caseNumber: "TJ-2025-00001", href: "/cases/mediation/TJ-2025-00001",
                                               state: "调解成功", township: "大埔镇", opened: "2025-01-02", closed: "2025-01-20")],
                                nextHref: "/cases?cursor=abc&indicator=x", backHref: "/")
        let listDocument = try parseXML(WebPages.caseList(list, viewer: "sup"))
        let total = try listDocument.nodes(forXPath: "//*[@id='case-total']").first?.stringValue
        #expect(total == "2")
        #expect(allText(listDocument).contains("当年调解终结 & 其他"))
        let detail = CaseDetailView(workflow: "人民调解", caseNumber: "TJ-2025-00001", state: "调解成功", township: "大埔镇",
                                    opened: "2025-01-02", closed: "—", outcome: "agree",
                                    events: [EventLine(at: "2025-01-02 09:30", event: "受理", actor: "clerk:甲",
                                                       fields: [FieldLine(name: "id_number", value: "**************1234")])],
                                    clocks: [ClockLine(label: "调解期限", due: "2025-02-01", status: "逾期", overdue: true, explanation: "30日")])
        let detailDocument = try parseXML(WebPages.caseDetail(detail, viewer: "sup"))
        #expect(allText(detailDocument).contains("**************1234"))
        #expect(allText(detailDocument).contains("调解期限"))
    }
}

@Suite struct EventTextTests {
    static let spec = EventSpec("register", "登记", [
        FieldSpec("category", "纠纷类型", .choice(Vocabulary.category)),
        FieldSpec("channel", "来源渠道", .choice(Vocabulary.disputeChannel)),
        .optional("population", "人群", .choiceList(Vocabulary.population)),
        .optional("amount", "金额", .amount),
        .optional("fee_waived", "免费", .flag),
        FieldSpec("parties", "当事人", .parties),
    ])

    @Test func fieldsReadAsLabelsAndPartiesAsRows() throws {
        let data: EventData = [
            "category": .string("labor"), "channel": .string("walk_in"),
            "population": .array([.string("migrant_worker"), .string("women")]), "amount": .number(1200.5),
            "fee_waived": .bool(true), "legacy": .object(["a": .number(1)]),
            "parties": .array([.object(["role": .string("applicant"), "kind": .string("person"), "name": .string("张三"),
                                        "id_number": .string("**************1234"), "phone": .string("*******5678")])]),
        ]
        let (fields, parties) = EventText.lines(data, spec: Self.spec)
        #expect(fields.map { "\($0.name)：\($0.value)" } == [
            "纠纷类型：劳动争议", "来源渠道：群众来访", "人群：农民工、妇女", "金额：1200.50元", "免费：是", "legacy：a：1",
        ])
        #expect(parties == [PartyRow(role: "申请人", kind: "自然人", name: "张三", idNumber: "**************1234", phone: "*******5678")])
    }

    @Test func theTimelineShowsPartiesAsATableAndNoJSON() throws {
        let (fields, parties) = EventText.lines(["category": .string("labor"),
                                                 "parties": .array([.object(["role": .string("respondent"), "name": .string("某公司"),
                                                                             "kind": .string("organization")])])], spec: Self.spec)
        let html = WebPages.timeline([EventLine(at: "2025-01-02 09:30", event: "登记", actor: "甲", fields: fields, parties: parties)])
        let document = try parseXML(html)
        let cells = try document.nodes(forXPath: "//*[local-name()='table'][@class='parties']//*[local-name()='td']").compactMap(\.stringValue)
        #expect(cells == ["被申请人", "组织", "某公司", "—", "—"])
        #expect(!allText(document).contains("{") && !allText(document).contains("labor"))
    }
}

extension EventTextTests {
    @Test func aFormsHintIsNotAHeadingAndAYuanIsSaidOnce() {
        let spec = EventSpec("fail", "调解不成", [FieldSpec("reason", "原因（如：当事人拒绝调解）", .text),
                                                  .optional("amount", "涉及金额（元）", .amount)])
        let (fields, _) = EventText.lines(["reason": .string("双方分歧较大"), "amount": .number(44200)], spec: spec)
        #expect(fields == [FieldLine(name: "原因", value: "双方分歧较大"), FieldLine(name: "涉及金额（元）", value: "44200.00")])
    }
}

@Suite struct BarChartScaleTests {
    @Test func theChartHasAScaleFromZeroToAHundredPercent() throws {
        let chart = BarChart.closureRates(title: "按乡镇", rows: [("大埔镇", 60, 58, nil)])
        let document = try parseXML(chart.svg())
        let ticks = try document.nodes(forXPath: "//*[@class='tick']").compactMap(\.stringValue)
        #expect(ticks == ["0%", "25%", "50%", "75%", "100%", "办结率"])
        #expect(try document.nodes(forXPath: "//*[local-name()='line'][@class='axis']").count == 1)
    }
}

/// A corrected event stays on the case page, struck through, with each correction beneath it.
@Suite struct CorrectedTimelineTests {
    @Test func aCorrectedEventIsStruckThroughWithItsCorrectionBeneath() {
        let fields = [FieldLine(name: "涉及金额（元）", value: "5000.00")]
        let html = WebPages.timeline([
            EventLine(at: "2026-03-02 10:00", event: "登记受理", actor: "甲", fields: fields,
                      corrections: [CorrectionLine(at: "2026-03-05 09:00", actor: "乙", text: "涉及金额（元）改为12000.00（理由：金额录错）")]),
            EventLine(at: "2026-03-03 10:00", event: "先行调解", actor: "甲", fields: []),
        ])
        #expect(html.contains("<del>2026-03-02 10:00</del>") && html.contains("<del>登记受理</del>（已更正）"))
        #expect(html.contains("↳ 更正") && html.contains("改为12000.00（理由：金额录错）"))
        #expect(!html.contains("<del>先行调解</del>"))
    }
}
