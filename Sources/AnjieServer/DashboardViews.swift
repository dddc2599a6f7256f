import AnjieDomain
import AnjieStore
import AnjieWeb
import Foundation
import Hummingbird

/// What the dashboard shows: a year, and the whole county or one township in the caller's scope.
/// A township-scoped token without a choice sees its first township, never the county.
struct DashboardQuery {
    /// The years the dashboard can show: it compares each with the year before, so that one must be
    /// recordable too.
    static let years = (YearBounds.recordable.lowerBound + 1)...YearBounds.recordable.upperBound

    let year: Int
    let township: String?

    init(_ request: Request, identity: Identity) throws {
        year = try HTMLPage.year(request) ?? LocalDate(Date()).year
        let asked = try HTMLPage.text(request, "township")
        if let asked, !identity.canSee(township: asked) { throw HTMLPage.Failure.outsideScope }
        township = identity.statisticsTownship(asked: asked)
    }
}

/// Fills the dashboard's view model from the same services as the CLI and the API.
struct DashboardBuilder {
    let db: Database

    func view(_ query: DashboardQuery, identity: Identity, today: LocalDate) async throws -> DashboardView {
        let (county, year, township) = (identity.county, query.year, query.township)
        let reports = ReportService(db)
        let thisYear = try await reports.report(county: county, year: year, township: township)
        let lastYear = try await reports.report(county: county, year: year - 1, township: township)
        let figures = KeyFigures.figures(thisYear: thisYear.results, lastYear: lastYear.results) { id in
            IndicatorCases.supportedIndicators.contains(id)
                ? HTMLPage.href("/cases", [("indicator", id), ("year", "\(year)"), ("township", township)]) : nil
        }

        // Townships side by side over the caller's whole scope; workflows within the chosen scope.
        let closure = ClosureStatistics(db)
        let byTownship = try await closure.closure(county: county, year: year, by: .township, townships: identity.townships)
        let byWorkflow = try await closure.closure(county: county, year: year, by: .workflow, townships: township.map { [$0] } ?? [])
        let townshipChart = BarChart.closureRates(title: "\(year)年各乡镇办结率", rows: byTownship.map { row in
            (row.group, row.received, row.concluded,
             row.group == "—" ? nil : HTMLPage.href("/cases", [("year", "\(year)"), ("township", row.group)]))
        })
        let workflowChart = BarChart.closureRates(title: "\(year)年各业务办结率", rows: byWorkflow.map { row in
            (WorkflowID.registered(row.group)?.label ?? row.group, row.received, row.concluded,
             HTMLPage.href("/cases", [("year", "\(year)"), ("workflow", row.group), ("township", township)]))
        })

        let service = DeadlineService(db)
        // Deadlines need the holiday calendar of every year they reach into; when one is missing the
        // page still shows the figures and says why the deadlines are not there.
        var clocks: [DeadlineService.Entry] = []
        var deadlineProblem: String?
        // Outside the caller's townships a case is not read at all (the query's scope).
        let scope = TownshipScope(identity.townships)
        let open = try await service.open(.init(county: county, township: township, scope: scope), today: today)
        clocks = open.entries
        let uncomputable = open.uncomputable
        if let first = uncomputable.first {
            // The computable clocks are still listed; the others are counted and the reason given.
            deadlineProblem = "另有 \(uncomputable.count) 件案件的期限无法计算、未列入：" + first.zh
        }
        let overdue = clocks.filter { $0.clock.status(on: today) == .overdue }
        let dueSoon = clocks.filter {
            $0.clock.status(on: today) == .running && $0.clock.due <= today.adding(days: DashboardController.dueSoonDays)
        }
        let followUps = try await service.followUps(.init(county: county, township: township, scope: scope), today: today, onlyBehind: false)
        let behind = followUps.filter { $0.cadence.isBehind(on: today) }

        let limit = DashboardController.rowLimit
        let choices = identity.townships.isEmpty
            ? [LinkChoice(label: "全县", href: HTMLPage.href("/", [("year", "\(year)")]), selected: township == nil)]
                + byTownship.map(\.group).filter { $0 != "—" }.sorted().map { name in
                    LinkChoice(label: name, href: HTMLPage.href("/", [("year", "\(year)"), ("township", name)]), selected: name == township)
                }
            : identity.townships.map { name in
                LinkChoice(label: name, href: HTMLPage.href("/", [("year", "\(year)"), ("township", name)]), selected: name == township)
            }
        let years = (max(DashboardQuery.years.lowerBound, year - 2)...min(DashboardQuery.years.upperBound, year + 1)).map { shown in
            LinkChoice(label: "\(shown)", href: HTMLPage.href("/", [("year", "\(shown)"), ("township", township)]), selected: shown == year)
        }
        return DashboardView(
            county: thisYear.countyLabel, year: year, today: today.description, scope: township ?? "全县",
            viewer: "\(identity.name)（\(identity.role.rawValue)）", townships: choices, years: years, figures: figures,
            closureByTownship: townshipChart, closureByWorkflow: workflowChart,
            overdue: overdue.prefix(limit).map { CaseViews.deadline($0, today: today) }, overdueTotal: overdue.count,
            dueSoon: dueSoon.prefix(limit).map { CaseViews.deadline($0, today: today) }, dueSoonTotal: dueSoon.count,
            dueSoonDays: DashboardController.dueSoonDays,
            followUps: behind.prefix(limit).map { CaseViews.followUp($0, today: today) },
            followUpTotal: followUps.count, followUpBehind: behind.count, rowLimit: limit, deadlineProblem: deadlineProblem)
    }
}

/// The HTML case list: either the cases behind one report figure (`indicator=…&year=…`), or a
/// plain filter (`workflow`, `state`, `township`, `year`) as the API's `/v1/cases` has.
struct CaseListBuilder {
    let db: Database

    func view(_ request: Request, identity: Identity, pageSize: Int) async throws -> CaseListView {
        let township = try HTMLPage.text(request, "township")
        if let township, !identity.canSee(township: township) { throw HTMLPage.Failure.outsideScope }
        let scope = township.map { [$0] } ?? identity.townships
        let year = try HTMLPage.year(request)
        if let id = try HTMLPage.text(request, "indicator") {
            guard let indicator = IndicatorRegistry.indicator(id), IndicatorCases.supportedIndicators.contains(id) else {
                throw HTMLPage.Failure.badParameter("没有可列出案件的指标 \(id)。")
            }
            let shownYear = year ?? LocalDate(Date()).year
            let page = try HTMLPage.integer(request, "page", in: 0...100_000) ?? 0
            guard let (total, cases) = try await IndicatorCases(db).cases(indicator: id, county: identity.county, year: shownYear,
                                                                         townships: scope, limit: pageSize, offset: page * pageSize)
            else { throw HTMLPage.Failure.badParameter("没有可列出案件的指标 \(id)。") }
            let next = (page + 1) * pageSize < total
                ? HTMLPage.href("/cases", [("indicator", id), ("year", "\(shownYear)"), ("township", township), ("page", "\(page + 1)")]) : nil
            return CaseListView(title: "\(shownYear)年 · \(township ?? (identity.townships.isEmpty ? "全县" : identity.townships.joined(separator: "、"))) · \(indicator.label)",
                                definition: indicator.definition, total: total, rows: cases.map(CaseViews.row), nextHref: next,
                                backHref: HTMLPage.href("/", [("year", "\(shownYear)"), ("township", township)]))
        }
        let workflowName = try HTMLPage.text(request, "workflow")
        let workflow = try workflowName.map { name -> WorkflowID in
            guard let id = WorkflowID.parse(name) else { throw HTMLPage.Failure.badParameter("没有业务 \(name)。") }
            return id
        }
        let state = try HTMLPage.text(request, "state")
        let cursor = try HTMLPage.text(request, "cursor").map { text -> CaseCursor in
            guard let cursor = CaseCursor(token: text) else { throw HTMLPage.Failure.badParameter("翻页参数无效。") }
            return cursor
        }
        var filter = CaseFilter(county: identity.county, workflow: workflow, state: state, township: township, year: year,
                                limit: pageSize, townships: identity.townships, after: cursor)
        let cases = try await CaseStore(db).list(filter)
        filter.after = nil
        let total = try await CaseCounts(db).count(filter)
        let next = cases.count == pageSize ? cases.last.map { last in
            HTMLPage.href("/cases", [("workflow", workflow?.rawValue), ("state", state), ("township", township),
                                     ("year", year.map(String.init)), ("cursor", CaseCursor(after: last).token)])
        } : nil
        let parts = [year.map { "\($0)年受理" }, township, workflow?.label, state.map { "状态 \($0)" }].compactMap { $0 }
        return CaseListView(title: parts.isEmpty ? "全部案件" : parts.joined(separator: " · "), definition: nil, total: total,
                            rows: cases.map(CaseViews.row), nextHref: next,
                            backHref: HTMLPage.href("/", [("year", year.map(String.init)), ("township", township)]))
    }
}

/// Store records → rows of the pages, with Chinese labels from the domain.
enum CaseViews {
    static func caseHref(_ workflow: WorkflowID, _ number: String) -> String {
        "/cases/\(workflow.rawValue)/" + (number.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? number)
    }

    static func stateLabel(_ workflow: WorkflowID, _ state: String) -> String {
        Workflows[workflow]?.states.first { $0.id == state }?.zh ?? state
    }

    /// "2025-03-02 09:30" in the county's time (UTC+8).
    static func minute(_ instant: Date) -> String {
        String(Timestamp.format(instant).replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    static func row(_ summary: CaseSummary) -> CaseRow {
        CaseRow(workflow: summary.workflow.label, caseNumber: summary.caseNumber, href: caseHref(summary.workflow, summary.caseNumber),
                state: stateLabel(summary.workflow, summary.state), township: summary.township ?? "—",
                opened: LocalDate(summary.openedAt).description, closed: summary.closedAt.map { LocalDate($0).description } ?? "—")
    }

    static func deadline(_ entry: DeadlineService.Entry, today: LocalDate) -> DeadlineRow {
        let late = entry.clock.overdueDays(on: today)
        let left = entry.clock.due.dayNumber - today.dayNumber
        return DeadlineRow(workflow: entry.workflow.label, caseNumber: entry.caseNumber, href: caseHref(entry.workflow, entry.caseNumber),
                           township: entry.township ?? "—", clock: entry.clock.zh, due: entry.clock.due.description,
                           status: late > 0 ? "逾期\(late)天" : left == 0 ? "今日届满" : "\(left)天后届满", overdue: late > 0)
    }

    static func followUp(_ row: DeadlineService.FollowUp, today: LocalDate) -> FollowUpRow {
        FollowUpRow(caseNumber: row.caseNumber, href: caseHref(.dispute, row.caseNumber), township: row.township ?? "—",
                    routed: row.cadence.routedOn.description, lastWeekly: row.cadence.lastWeeklyReview?.description ?? "—",
                    lastMonthly: row.cadence.lastMonthlyVisit?.description ?? "—",
                    missingTiers: row.cadence.missingTiers.map { Vocabulary.followUpTier.label(of: $0) }.joined(separator: "、"),
                    weeklyLate: today > row.cadence.weeklyDue, monthlyLate: today > row.cadence.monthlyDue)
    }

    /// The events as the store gave them: masked, or opened for a role that may see personal data.
    static func detail(_ detail: CaseDetail, clocks: [Clock], clockProblem: String?, today: LocalDate) -> CaseDetailView {
        let summary = detail.summary
        let workflow = Workflows[summary.workflow]
        let events = detail.events.map { record in
            let spec = workflow?.events.first { $0.spec.name == record.event }?.spec
            let data = record.data
            let fields = data.keys.sorted().map { key in
                FieldLine(name: spec?.field(named: key)?.zh ?? key, value: text(data[key]!))
            }
            return EventLine(at: minute(record.at), event: spec?.zh ?? record.event, actor: record.actor, fields: fields)
        }
        return CaseDetailView(
            workflow: summary.workflow.label, caseNumber: summary.caseNumber, state: stateLabel(summary.workflow, summary.state),
            township: summary.township ?? "—", opened: minute(summary.openedAt), closed: summary.closedAt.map(minute) ?? "—",
            outcome: summary.outcome ?? "—", events: events,
            clocks: clocks.map { clock in
                let status = clock.status(on: today)
                let words: String
                switch status {
                case .running: words = "进行中"
                case .overdue: words = "逾期\(clock.overdueDays(on: today))天"
                case .lapsed: words = "期间已过（当事人未行使）"
                case .met: words = "按期完成"
                case .late: words = "超期完成"
                }
                return ClockLine(label: clock.zh, due: clock.due.description, status: words,
                                 overdue: status == .overdue || status == .late, explanation: clock.explanation)
            }, clockProblem: clockProblem)
    }

    /// A data value as text: strings as they are, everything else as compact JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "是" : "否"
        default: return RecordJSON.encode(value)
        }
    }
}

extension HTMLPage.Failure {
    static let outsideScope = HTMLPage.Failure(status: .forbidden, heading: "无权查看", text: "该乡镇不在本令牌的范围内。")
}

extension HTMLPage {
    /// A query parameter as text, or nil when absent or empty; refuses control characters (which the
    /// database cannot hold) and overlong values with a 400 page.
    static func text(_ request: Request, _ name: String) throws -> String? {
        guard let value = request.uri.queryParameters[Substring(name)].map(String.init), !value.isEmpty else { return nil }
        guard value.count <= 200, !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw Failure.badParameter("参数 \(name) 无效。")
        }
        return value
    }

    static func integer(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try text(request, name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Failure.badParameter("参数 \(name) 应为 \(range.lowerBound)…\(range.upperBound) 的整数。")
        }
        return value
    }

    static func year(_ request: Request) throws -> Int? {
        try integer(request, "year", in: DashboardQuery.years)
    }
}
