import AnjieDomain

// View models: plain values the server (or the CLI) fills from the store. Every stored property is
// what a template reads (Mustache reads stored properties by reflection), and every text is
// escaped by the template, never here.

/// A link in a row of choices (townships, years); `selected` marks the current one.
public struct LinkChoice: Sendable, Equatable {
    public var label: String
    public var href: String
    public var selected: Bool

    public init(label: String, href: String, selected: Bool) {
        self.label = label
        self.href = href
        self.selected = selected
    }
}

/// One key figure: this year's value beside last year's, linking to the cases it counts.
public struct FigureView: Sendable, Equatable {
    public var id: String
    public var section: String
    public var label: String
    /// "1869件", "97.6%", or "—" when it cannot be computed here.
    public var value: String
    public var lastValue: String
    /// "+12件", "−0.4个百分点", or nil when either year is missing.
    public var change: String?
    public var href: String?
}

/// One open clock of a case, as the overdue and due-soon tables show it.
public struct DeadlineRow: Sendable, Equatable {
    public var workflow: String
    public var caseNumber: String
    public var href: String
    public var township: String
    public var clock: String
    /// 法定期限, 交办/督办期限 or 指导性期限: who set it, and so how hard it binds.
    public var kind: String
    public var due: String
    /// "逾期12天" or "3天后届满".
    public var status: String
    public var overdue: Bool

    public init(workflow: String, caseNumber: String, href: String, township: String, clock: String, kind: String = "法定期限",
                due: String, status: String, overdue: Bool) {
        self.kind = kind
        self.workflow = workflow
        self.caseNumber = caseNumber
        self.href = href
        self.township = township
        self.clock = clock
        self.due = due
        self.status = status
        self.overdue = overdue
    }
}

/// A routed dispute and its follow-up rhythm (每周研判、每月回访).
public struct FollowUpRow: Sendable, Equatable {
    public var caseNumber: String
    public var href: String
    public var township: String
    public var routed: String
    public var lastWeekly: String
    public var lastMonthly: String
    public var missingTiers: String
    /// More than 7 days since the last weekly review (or routing); more than 31 since the last visit.
    public var weeklyLate: Bool
    public var monthlyLate: Bool

    public init(caseNumber: String, href: String, township: String, routed: String, lastWeekly: String,
                lastMonthly: String, missingTiers: String, weeklyLate: Bool, monthlyLate: Bool) {
        self.caseNumber = caseNumber
        self.href = href
        self.township = township
        self.routed = routed
        self.lastWeekly = lastWeekly
        self.lastMonthly = lastMonthly
        self.missingTiers = missingTiers
        self.weeklyLate = weeklyLate
        self.monthlyLate = monthlyLate
    }
}

public struct DashboardView: Sendable {
    /// The county as people name it (the code until the county register gives the name).
    public var county: String
    public var year: Int
    public var today: String
    /// "全县" or the township shown.
    public var scope: String
    public var viewer: String
    public var townships: [LinkChoice]
    public var years: [LinkChoice]
    public var figures: [FigureView]
    public var closureByTownship: BarChart
    public var closureByWorkflow: BarChart
    /// The first rows only; the totals are the whole count.
    public var overdue: [DeadlineRow]
    public var overdueTotal: Int
    public var dueSoon: [DeadlineRow]
    public var dueSoonTotal: Int
    public var dueSoonDays: Int
    public var followUps: [FollowUpRow]
    public var followUpTotal: Int
    public var followUpBehind: Int
    public var rowLimit: Int
    /// Why the deadlines could not be computed (e.g. next year's holiday calendar is not loaded);
    /// the rest of the page is still shown.
    public var deadlineProblem: String?
    /// Advisory targets (指导性期限) already passed: nobody is in breach, so they are not "overdue".
    public var advisory: [DeadlineRow]
    public var advisoryTotal: Int
    /// The full lists behind the shortened tables.
    public var overdueAll: String?
    public var dueSoonAll: String?
    public var advisoryAll: String?
    public var followUpsAll: String?

    public init(county: String, year: Int, today: String, scope: String, viewer: String, townships: [LinkChoice],
                years: [LinkChoice], figures: [FigureView], closureByTownship: BarChart, closureByWorkflow: BarChart,
                overdue: [DeadlineRow], overdueTotal: Int, dueSoon: [DeadlineRow], dueSoonTotal: Int, dueSoonDays: Int,
                followUps: [FollowUpRow], followUpTotal: Int, followUpBehind: Int, rowLimit: Int, deadlineProblem: String? = nil,
                advisory: [DeadlineRow] = [], advisoryTotal: Int = 0, overdueAll: String? = nil, dueSoonAll: String? = nil,
                advisoryAll: String? = nil, followUpsAll: String? = nil) {
        self.advisory = advisory
        self.advisoryTotal = advisoryTotal
        self.overdueAll = overdueAll
        self.dueSoonAll = dueSoonAll
        self.advisoryAll = advisoryAll
        self.followUpsAll = followUpsAll
        self.county = county
        self.year = year
        self.today = today
        self.scope = scope
        self.viewer = viewer
        self.townships = townships
        self.years = years
        self.figures = figures
        self.closureByTownship = closureByTownship
        self.closureByWorkflow = closureByWorkflow
        self.overdue = overdue
        self.overdueTotal = overdueTotal
        self.dueSoon = dueSoon
        self.dueSoonTotal = dueSoonTotal
        self.dueSoonDays = dueSoonDays
        self.followUps = followUps
        self.followUpTotal = followUpTotal
        self.followUpBehind = followUpBehind
        self.rowLimit = rowLimit
        self.deadlineProblem = deadlineProblem
    }
}

public struct CaseRow: Sendable, Equatable {
    public var workflow: String
    public var caseNumber: String
    public var href: String
    public var state: String
    public var township: String
    public var opened: String
    public var closed: String

    public init(workflow: String, caseNumber: String, href: String, state: String, township: String, opened: String, closed: String) {
        self.workflow = workflow
        self.caseNumber = caseNumber
        self.href = href
        self.state = state
        self.township = township
        self.opened = opened
        self.closed = closed
    }
}

public struct CaseListView: Sendable {
    /// What the list is: "2025年 调解民间纠纷" or "大埔镇 · 2025年受理".
    public var title: String
    public var definition: String?
    /// Every matching case, not just this page.
    public var total: Int
    public var rows: [CaseRow]
    public var nextHref: String?
    public var backHref: String

    public init(title: String, definition: String?, total: Int, rows: [CaseRow], nextHref: String?, backHref: String) {
        self.title = title
        self.definition = definition
        self.total = total
        self.rows = rows
        self.nextHref = nextHref
        self.backHref = backHref
    }
}

public struct FieldLine: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A correction as the case page shows it beside the event it corrects: when, who, what and why.
public struct CorrectionLine: Sendable, Equatable {
    public var at: String
    public var actor: String
    public var text: String

    public init(at: String, actor: String, text: String) {
        self.at = at
        self.actor = actor
        self.text = text
    }
}

public struct EventLine: Sendable, Equatable {
    public var at: String
    public var event: String
    public var actor: String
    public var fields: [FieldLine]
    /// The event's parties as table rows (role, kind, name, ID, phone), never as data.
    public var parties: [PartyRow]
    /// Corrected (更正): the original is shown struck through, each correction beneath it.
    public var corrections: [CorrectionLine]

    public init(at: String, event: String, actor: String, fields: [FieldLine], parties: [PartyRow] = [],
                corrections: [CorrectionLine] = []) {
        self.parties = parties
        self.corrections = corrections
        self.at = at
        self.event = event
        self.actor = actor
        self.fields = fields
    }
}

public struct ClockLine: Sendable, Equatable {
    public var label: String
    /// 法定期限, 交办/督办期限 or 指导性期限.
    public var kind: String
    public var due: String
    public var status: String
    public var overdue: Bool
    public var explanation: String

    public init(label: String, kind: String = "法定期限", due: String, status: String, overdue: Bool, explanation: String) {
        self.kind = kind
        self.label = label
        self.due = due
        self.status = status
        self.overdue = overdue
        self.explanation = explanation
    }
}

public struct CaseDetailView: Sendable {
    public var workflow: String
    public var caseNumber: String
    public var state: String
    public var township: String
    public var opened: String
    public var closed: String
    public var outcome: String
    public var events: [EventLine]
    public var clocks: [ClockLine]
    /// Why the clocks could not be computed, when they could not.
    public var clockProblem: String?

    public init(workflow: String, caseNumber: String, state: String, township: String, opened: String, closed: String,
                outcome: String, events: [EventLine], clocks: [ClockLine], clockProblem: String? = nil) {
        self.workflow = workflow
        self.caseNumber = caseNumber
        self.state = state
        self.township = township
        self.opened = opened
        self.closed = closed
        self.outcome = outcome
        self.events = events
        self.clocks = clocks
        self.clockProblem = clockProblem
    }
}

/// One page of a full list behind a dashboard table: deadlines, or routed disputes' follow-ups.
public struct DeadlineListView: Sendable {
    public var title: String
    /// What the list holds, in a sentence (e.g. that advisory targets bind nobody).
    public var explanation: String
    public var total: Int
    public var deadlines: [DeadlineRow]
    public var followUps: [FollowUpRow]
    /// Rows of this page: "第 101–200 项".
    public var range: String
    public var previousHref: String?
    public var nextHref: String?
    public var backHref: String
    public var problem: String?

    public init(title: String, explanation: String, total: Int, deadlines: [DeadlineRow], followUps: [FollowUpRow], range: String,
                previousHref: String?, nextHref: String?, backHref: String, problem: String? = nil) {
        self.title = title
        self.explanation = explanation
        self.total = total
        self.deadlines = deadlines
        self.followUps = followUps
        self.range = range
        self.previousHref = previousHref
        self.nextHref = nextHref
        self.backHref = backHref
        self.problem = problem
    }
}
