import AnjieDomain
import Foundation
import Mustache

/// Renders the pages: view model in, a complete HTML document out. No I/O.
public enum WebPages {
    /// Compiled once. The templates are constants of this module, so a syntax error is a programming
    /// error that every rendering test would show at once.
    static let compiled: [String: MustacheTemplate] = {
        let sources = ["layout": Templates.layout, "dashboard": Templates.dashboard, "deadlineTable": Templates.deadlineTable,
                       "caseList": Templates.caseList, "caseDetail": Templates.caseDetail, "login": Templates.login,
                       "message": Templates.message, "report": Templates.report,
                       "deadlineList": Templates.deadlineList, "followUpTable": Templates.followUpTable, "timeline": Templates.timeline]
        return sources.mapValues { source in
            do { return try MustacheTemplate(string: source) } catch { fatalError("template does not parse: \(error)") }
        }
    }()

    static func render(_ name: String, _ context: Any) -> String {
        compiled[name]!.render(context)
    }

    struct Layout {
        let title: String
        let css: String
        /// Nil on pages shown before login: no navigation then.
        let viewer: String?
        let body: String
    }

    static func page(title: String, viewer: String?, body: String) -> String {
        render("layout", Layout(title: title, css: inlineStyle, viewer: viewer, body: body))
    }

    /// The text of every page's one `<style>` element, exactly: the server allows it in its
    /// Content-Security-Policy by this text's hash (and allows no other style or script).
    public static var inlineStyle: String { PageStyle.css }

    // MARK: dashboard

    struct DashboardContext {
        let county: String
        let scope: String
        let year: Int
        let lastYear: Int
        let today: String
        let years: [LinkChoice]
        let townships: [LinkChoice]
        let hasTownshipChoices: Bool
        let figures: [FigureView]
        let townshipChart: String
        let workflowChart: String
        let overdueTotal: Int
        let overdueTable: String
        let advisoryTotal: Int
        let advisoryTable: String
        let followUpsAll: String?
        let dueSoonDays: Int
        let dueSoonTotal: Int
        let dueSoonTable: String
        let followUpTotal: Int
        let followUpBehind: Int
        let followUps: [FollowUpRow]
        let hasFollowUps: Bool
        let followUpsTruncated: Bool
        let rowLimit: Int
        let deadlineProblem: String?
    }

    struct DeadlineTableContext {
        let rows: [DeadlineRow]
        let hasRows: Bool
        let truncated: Bool
        let limit: Int
        let total: Int
        let allHref: String?
    }

    struct FollowUpTableContext {
        let rows: [FollowUpRow]
        let hasRows: Bool
    }

    static func deadlineTable(_ rows: [DeadlineRow], total: Int, allHref: String?) -> String {
        render("deadlineTable", DeadlineTableContext(rows: rows, hasRows: !rows.isEmpty, truncated: total > rows.count, limit: rows.count,
                                                     total: total, allHref: allHref))
    }

    public static func dashboard(_ view: DashboardView) -> String {
        func table(_ rows: [DeadlineRow], total: Int, all: String?) -> String {
            deadlineTable(rows, total: total, allHref: all)
        }
        let context = DashboardContext(
            county: view.county, scope: view.scope, year: view.year, lastYear: view.year - 1, today: view.today,
            years: view.years, townships: view.townships, hasTownshipChoices: view.townships.count > 1, figures: view.figures,
            townshipChart: view.closureByTownship.svg(), workflowChart: view.closureByWorkflow.svg(),
            overdueTotal: view.overdueTotal, overdueTable: table(view.overdue, total: view.overdueTotal, all: view.overdueAll),
            advisoryTotal: view.advisoryTotal, advisoryTable: table(view.advisory, total: view.advisoryTotal, all: view.advisoryAll),
            followUpsAll: view.followUpsAll,
            dueSoonDays: view.dueSoonDays, dueSoonTotal: view.dueSoonTotal,
            dueSoonTable: table(view.dueSoon, total: view.dueSoonTotal, all: view.dueSoonAll),
            followUpTotal: view.followUpTotal, followUpBehind: view.followUpBehind, followUps: view.followUps,
            hasFollowUps: !view.followUps.isEmpty, followUpsTruncated: view.followUpBehind > view.followUps.count, rowLimit: view.rowLimit,
            deadlineProblem: view.deadlineProblem)
        return page(title: "督办看板 · \(view.scope) · \(view.year)年", viewer: view.viewer, body: render("dashboard", context))
    }

    // MARK: cases

    struct CaseListContext {
        let title: String
        let definition: String?
        let total: Int
        let rows: [CaseRow]
        let hasRows: Bool
        let nextHref: String?
        let backHref: String
    }

    public static func caseList(_ view: CaseListView, viewer: String) -> String {
        let context = CaseListContext(title: view.title, definition: view.definition, total: view.total, rows: view.rows,
                                      hasRows: !view.rows.isEmpty, nextHref: view.nextHref, backHref: view.backHref)
        return page(title: view.title, viewer: viewer, body: render("caseList", context))
    }

    struct DeadlineListContext {
        let title: String
        let explanation: String
        let total: Int
        let table: String
        let range: String
        let previousHref: String?
        let nextHref: String?
        let backHref: String
        let problem: String?
    }

    /// A full list behind one of the dashboard's tables, one page of it.
    public static func deadlineList(_ view: DeadlineListView, viewer: String) -> String {
        // Either list is empty when the other is shown; an empty list reads "无。" either way.
        let table = view.followUps.isEmpty
            ? deadlineTable(view.deadlines, total: view.deadlines.count, allHref: nil)
            : render("followUpTable", FollowUpTableContext(rows: view.followUps, hasRows: true))
        let context = DeadlineListContext(title: view.title, explanation: view.explanation, total: view.total, table: table,
                                          range: view.range, previousHref: view.previousHref, nextHref: view.nextHref,
                                          backHref: view.backHref, problem: view.problem)
        return page(title: view.title, viewer: viewer, body: render("deadlineList", context))
    }

    struct CaseDetailContext {
        let workflow: String
        let caseNumber: String
        let state: String
        let township: String
        let opened: String
        let closed: String
        let outcome: String
        let timeline: String
        let clocks: [ClockLine]
        let hasClocks: Bool
        let clockProblem: String?
    }

    public static func caseDetail(_ view: CaseDetailView, viewer: String) -> String {
        let context = CaseDetailContext(workflow: view.workflow, caseNumber: view.caseNumber, state: view.state,
                                        township: view.township, opened: view.opened, closed: view.closed, outcome: view.outcome,
                                        timeline: timeline(view.events), clocks: view.clocks, hasClocks: !view.clocks.isEmpty,
                                        clockProblem: view.clockProblem)
        return page(title: "\(view.workflow) \(view.caseNumber)", viewer: viewer, body: render("caseDetail", context))
    }

    struct TimelineEvent {
        let at: String
        let event: String
        let actor: String
        let fields: [FieldLine]
        let parties: [PartyRow]
        let hasParties: Bool
        let struck: Bool
        let corrections: [CorrectionLine]
    }

    struct TimelineContext {
        let events: [TimelineEvent]
    }

    /// The case's history as a table: the one place that draws an event (so a corrected event can
    /// be drawn struck through here, and everywhere the history is shown follows).
    public static func timeline(_ events: [EventLine]) -> String {
        render("timeline", TimelineContext(events: events.map { line in
            TimelineEvent(at: line.at, event: line.event, actor: line.actor, fields: line.fields, parties: line.parties,
                          hasParties: !line.parties.isEmpty, struck: !line.corrections.isEmpty, corrections: line.corrections)
        }))
    }

    // MARK: login and messages

    struct LoginContext {
        let error: String?
        let formToken: String
    }

    /// The sign-in form; `formToken` is the cross-site token bound to the browser's pre-session cookie.
    public static func login(error: String?, formToken: String) -> String {
        page(title: "登录 · 案结督办看板", viewer: nil, body: render("login", LoginContext(error: error, formToken: formToken)))
    }

    struct MessageContext {
        let heading: String
        let text: String
        let linkHref: String
        let linkText: String
    }

    /// An error or notice page (403, 404, 400) in the same look, with one way on.
    public static func message(heading: String, text: String, linkHref: String, linkText: String, viewer: String?) -> String {
        page(title: heading, viewer: viewer,
             body: render("message", MessageContext(heading: heading, text: text, linkHref: linkHref, linkText: linkText)))
    }
}
