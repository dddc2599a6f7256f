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
        let board = try await DeadlineBoard.load(service, identity: identity, township: township, today: today)
        // Outside the caller's townships a case is not read at all (the query's scope).
        let followUps = try await service.followUps(.init(county: county, township: township, scope: TownshipScope(identity.townships)),
                                                    today: today, onlyBehind: false)
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
        func all(_ list: DeadlineBoard.List) -> String { HTMLPage.href("/deadlines", [("list", list.rawValue), ("township", township)]) }
        return DashboardView(
            county: thisYear.countyLabel, year: year, today: today.description, scope: township ?? "全县",
            viewer: ViewerText.of(identity), townships: choices, years: years, figures: figures,
            closureByTownship: townshipChart, closureByWorkflow: workflowChart,
            overdue: board.overdue.prefix(limit).map { CaseViews.deadline($0, today: today) }, overdueTotal: board.overdue.count,
            dueSoon: board.dueSoon.prefix(limit).map { CaseViews.deadline($0, today: today) }, dueSoonTotal: board.dueSoon.count,
            dueSoonDays: DashboardController.dueSoonDays,
            followUps: behind.prefix(limit).map { CaseViews.followUp($0, today: today) },
            followUpTotal: followUps.count, followUpBehind: behind.count, rowLimit: limit, deadlineProblem: board.problem,
            advisory: board.advisory.prefix(limit).map { CaseViews.deadline($0, today: today) }, advisoryTotal: board.advisory.count,
            overdueAll: all(.overdue), dueSoonAll: all(.dueSoon), advisoryAll: all(.advisory), followUpsAll: all(.followUps))
    }
}

/// The county as the pages name it: the register's label (柳城县（450222）) set for the page being
/// drawn (`ViewerText.countyLabel`), else the code.
func countyTitle(_ code: String) -> String {
    ViewerText.countyLabel ?? code
}

/// The open clocks of the caller's scope, sorted the way the dashboard shows them: statutory and
/// centre-set deadlines (法定, 交办/督办) that are overdue or due soon, and advisory targets (指导性)
/// already passed, which bind nobody and so are never "overdue".
struct DeadlineBoard {
    enum List: String {
        case overdue
        case dueSoon = "due_soon"
        case advisory
        case followUps = "follow_ups"
    }

    var overdue: [DeadlineService.Entry]
    var dueSoon: [DeadlineService.Entry]
    var advisory: [DeadlineService.Entry]
    /// What to ask the administrator when some cases' deadlines could not be computed.
    var problem: String?

    static func load(_ service: DeadlineService, identity: Identity, township: String?, today: LocalDate) async throws -> DeadlineBoard {
        // Outside the caller's townships a case is not read at all (the query's scope).
        let open = try await service.open(.init(county: identity.county, township: township, scope: TownshipScope(identity.townships)),
                                          today: today)
        let (clocks, uncomputable) = (open.entries, open.uncomputable)
        // The computable clocks are still listed; the others are counted and the remedy given.
        let problem = uncomputable.first.map { first in
            "另有 \(uncomputable.count) 件案件的期限无法计算、未列入：" + CalendarAdvice.forPeople(first.zh)
        }
        func binding(_ entry: DeadlineService.Entry) -> Bool { entry.clock.kind.isBinding }
        let soon = today.adding(days: DashboardController.dueSoonDays)
        return DeadlineBoard(
            overdue: clocks.filter { binding($0) && $0.clock.status(on: today) == .overdue },
            dueSoon: clocks.filter { binding($0) && $0.clock.status(on: today) == .running && $0.clock.due <= soon },
            advisory: clocks.filter { !binding($0) && $0.clock.status(on: today) == .overdue },
            problem: problem)
    }
}

/// A missing holiday calendar, said as what a supervisor can do about it: ask the administrator.
/// (The domain's message names the command, which is for the administrator, not for this page.)
enum CalendarAdvice {
    static func forPeople(_ message: String) -> String {
        if let range = message.range(of: #"没有 ?(\d{4}) ?年的节假日安排"#, options: .regularExpression) {
            let year = message[range].filter(\.isASCIIDigitForYear)
            return "缺少\(year)年节假日安排，请管理员导入\(year)年节假日安排。"
        }
        return message
    }
}

private extension Character {
    var isASCIIDigitForYear: Bool { ("0"..."9").contains(self) }
}

/// The full lists behind the dashboard's shortened tables: `/deadlines?list=overdue|due_soon|advisory|follow_ups`.
struct DeadlineListBuilder {
    let db: Database

    func view(_ request: Request, identity: Identity, today: LocalDate, pageSize: Int) async throws -> DeadlineListView {
        let name = try HTMLPage.text(request, "list") ?? DeadlineBoard.List.overdue.rawValue
        guard let list = DeadlineBoard.List(rawValue: name) else {
            throw HTMLPage.Failure.badParameter("没有这种清单。可看：已逾期、即将届满、已过指导性期限、纠纷跟进。")
        }
        let asked = try HTMLPage.text(request, "township")
        if let asked, !identity.canSee(township: asked) { throw HTMLPage.Failure.outsideScope }
        let township = identity.statisticsTownship(asked: asked)
        let page = try HTMLPage.integer(request, "page", in: 0...100_000) ?? 0
        let scope = township ?? "全县"
        let service = DeadlineService(db)
        func href(_ page: Int) -> String {
            HTMLPage.href("/deadlines", [("list", list.rawValue), ("township", township), ("page", page == 0 ? nil : "\(page)")])
        }
        func paged<T>(_ rows: [T]) -> (rows: ArraySlice<T>, range: String, previous: String?, next: String?) {
            let start = min(page * pageSize, rows.count)
            let slice = rows[start..<min(start + pageSize, rows.count)]
            let range = rows.isEmpty ? "" : "第 \(start + 1)–\(start + slice.count) 项，共 \(rows.count) 项。"
            return (slice, range, page > 0 ? href(page - 1) : nil, start + pageSize < rows.count ? href(page + 1) : nil)
        }
        let back = HTMLPage.href("/", [("township", township)])
        switch list {
        case .overdue, .dueSoon, .advisory:
            let board = try await DeadlineBoard.load(service, identity: identity, township: township, today: today)
            let (rows, title, explanation): ([DeadlineService.Entry], String, String)
            switch list {
            case .overdue:
                (rows, title, explanation) = (board.overdue, "\(scope) · 已逾期的法定期限和交办/督办期限",
                                              "法定期限和综治中心交办、督办时定下的期限，已过届满日仍未办结的，按届满日排列。")
            case .dueSoon:
                (rows, title, explanation) = (board.dueSoon, "\(scope) · \(DashboardController.dueSoonDays)日内届满",
                                              "法定期限和交办/督办期限中，\(DashboardController.dueSoonDays)日内到期、尚未办结的。")
            case .advisory, .followUps:
                (rows, title, explanation) = (board.advisory, "\(scope) · 已过指导性期限",
                                              "指导性期限是工作要求，不是法定期限，超过不算逾期，列此供跟进。")
            }
            let shown = paged(rows)
            return DeadlineListView(title: title, explanation: explanation, total: rows.count,
                                    deadlines: shown.rows.map { CaseViews.deadline($0, today: today) }, followUps: [],
                                    range: shown.range, previousHref: shown.previous, nextHref: shown.next, backHref: back,
                                    problem: board.problem)
        case .followUps:
            // Outside the caller's townships a case is not read at all (the query's scope).
            let behind = try await service.followUps(.init(county: identity.county, township: township,
                                                           scope: TownshipScope(identity.townships)), today: today, onlyBehind: true)
            let shown = paged(behind)
            return DeadlineListView(title: "\(scope) · 未按期跟进的纠纷", explanation: "分类流转或督办中的纠纷，每周研判或每月回访已超期的，最早到期的在前。",
                                    total: behind.count, deadlines: [], followUps: shown.rows.map { CaseViews.followUp($0, today: today) },
                                    range: shown.range, previousHref: shown.previous, nextHref: shown.next, backHref: back)
        }
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
                                definition: CaseViews.chinese(indicator.definition), total: total, rows: cases.map(CaseViews.row), nextHref: next,
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
        let total = try await CaseStore(db).count(filter)
        let next = cases.count == pageSize ? cases.last.map { last in
            HTMLPage.href("/cases", [("workflow", workflow?.rawValue), ("state", state), ("township", township),
                                     ("year", year.map(String.init)), ("cursor", CaseCursor(after: last).token)])
        } : nil
        let stateText = state.map { state in workflow.map { CaseViews.stateLabel($0, state) } ?? state }
        let parts = [year.map { "\($0)年受理" }, township, workflow?.label, stateText.map { "状态：\($0)" }].compactMap { $0 }
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
        let advisory = entry.clock.kind == .advisory
        // An advisory target passed binds nobody: "已过", not "逾期".
        let status = late > 0 ? (advisory ? "已过\(late)天" : "逾期\(late)天") : left == 0 ? "今日届满" : "\(left)天后届满"
        return DeadlineRow(workflow: entry.workflow.label, caseNumber: entry.caseNumber, href: caseHref(entry.workflow, entry.caseNumber),
                           township: entry.township ?? "—", clock: entry.clock.zh, kind: entry.clock.kind.zh, due: entry.clock.due.description,
                           status: status, overdue: late > 0 && !advisory)
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
        return CaseDetailView(
            workflow: summary.workflow.label, caseNumber: summary.caseNumber, state: stateLabel(summary.workflow, summary.state),
            township: summary.township ?? "—", opened: minute(summary.openedAt), closed: summary.closedAt.map(minute) ?? "—",
            outcome: summary.outcome.map { outcomeLabel($0, workflow: workflow, events: detail.events) } ?? "—",
            events: timeline(detail.events, workflow: workflow),
            clocks: clocks.map { clock in
                let status = clock.status(on: today)
                let words: String
                switch status {
                case .running: words = "进行中"
                case .overdue: words = clock.kind == .advisory ? "已过指导性期限\(clock.overdueDays(on: today))天" : "逾期\(clock.overdueDays(on: today))天"
                case .lapsed: words = "期间已过（当事人未行使）"
                case .met: words = "按期完成"
                case .late: words = "超期完成"
                }
                return ClockLine(label: clock.zh, kind: clock.kind.zh, due: clock.due.description, status: words,
                                 overdue: status == .overdue || status == .late, explanation: explanation(clock, workflow: workflow))
            }, clockProblem: clockProblem.map(CalendarAdvice.forPeople))
    }

    /// The case's events in words: every field by its label, every enum by its label, parties as
    /// rows — all from the event's spec in the registry. One function, so that a change to how an
    /// event is shown (a corrected event struck through) is made once.
    static func timeline(_ events: [EventRecord], workflow: Workflow?) -> [EventLine] {
        // A `correct` event is shown beside the event it corrects, which stays visible, struck through.
        let notes = CorrectionNote.byCorrectedEvent(events.map(\.logged))
        return events.filter { $0.event != Correction.event }.map { record in
            let spec = workflow?.event(named: record.event)?.spec
            let (fields, parties) = EventText.lines(record.data, spec: spec)
            let corrections = (notes[record.seq] ?? []).map { note in
                CorrectionLine(at: minute(note.at), actor: actorText(note.actor),
                               text: "\(Self.correctionText(note, spec: spec))（理由：\(note.reason)）")
            }
            return EventLine(at: minute(record.at), event: spec?.zh ?? record.event, actor: actorText(record.actor),
                             fields: fields, parties: parties, corrections: corrections)
        }
    }

    /// What a correction changed, in labels: a new time, fields by their labels and values, or void.
    static func correctionText(_ note: CorrectionNote, spec: EventSpec?) -> String {
        switch note.change {
        case .at(let time): return "时间改为 \(minute(time))"
        case .void: return "作废（记录有误）"
        case .data(let values):
            let (fields, _) = EventText.lines(values, spec: spec)
            return fields.map { "\($0.name)改为\($0.value)" }.joined(separator: "，")
        }
    }

    /// An outcome in words, from the registry alone: the label of an `outcome` field's choice
    /// (撤回, 维持…), else of the state of that name (达成协议, 已出具公证书…), else the event that
    /// closed the case (调解成功, 化解…), which is where the outcome came from.
    static func outcomeLabel(_ outcome: String, workflow: Workflow?, events: [EventRecord]) -> String {
        guard let workflow else { return outcome }
        for info in workflow.events {
            if case .choice(let choices) = info.spec.field(named: "outcome")?.kind, let choice = choices.options.first(where: { $0.id == outcome }) {
                return choice.zh
            }
        }
        if let state = workflow.states.first(where: { $0.id == outcome }) { return state.zh }
        if let last = events.last, let spec = workflow.event(named: last.event)?.spec { return spec.zh }
        return outcome
    }

    /// Who recorded an event: "token:督办" and "cli:甲" are how the system names its callers;
    /// people read the name.
    static func actorText(_ actor: String) -> String {
        for prefix in ["token:", "cli:", "user:"] where actor.hasPrefix(prefix) { return String(actor.dropFirst(prefix.count)) }
        return actor
    }

    /// How the due date was reached, in Chinese only: the domain's explanation is bilingual and
    /// names the starting event by its id; here the event is named by its label.
    static func explanation(_ clock: Clock, workflow: Workflow?) -> String {
        var text = clock.explanation
        if let label = workflow?.event(named: clock.startEvent)?.spec.zh {
            text = text.replacingOccurrences(of: "\(clock.start) \(clock.startEvent)", with: "\(clock.start) \(label)")
        }
        // The English glosses: runs of Latin words ("counting starts the next day", "due").
        return text.replacingOccurrences(of: #"\s*[A-Za-z][A-Za-z\- ]*[A-Za-z]"#, with: "", options: .regularExpression)
    }

    /// The Chinese half of a bilingual "中文 / English" text (definitions, explanations), whose
    /// English half names ids.
    static func chinese(_ text: String) -> String {
        guard let range = text.range(of: " / ") else { return text }
        return String(text[..<range.lowerBound])
    }
}

/// Roles as people call them.
enum RoleLabel {
    static func zh(_ role: Role) -> String {
        switch role {
        case .clerk: return "登记员"
        case .mediator: return "调解员"
        case .supervisor: return "督办"
        case .auditor: return "审计"
        case .admin: return "管理员"
        }
    }
}

/// "张三（督办）· 450222" in the page header: who is signed in, as what, in which county.
enum ViewerText {
    /// The signed-in caller's county as the register names it, for the page being drawn.
    @TaskLocal static var countyLabel: String?

    static func of(_ identity: Identity) -> String {
        "\(identity.name)（\(RoleLabel.zh(identity.role))）· \(countyTitle(identity.county))"
            + (identity.townships.isEmpty ? "" : " · " + identity.townships.joined(separator: "、"))
    }
}

extension HTMLPage.Failure {
    static let outsideScope = HTMLPage.Failure(status: .forbidden, heading: "无权查看", text: "该乡镇不在本账号的范围内。")
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
