import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

struct DeadlinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "期限：未届满与已逾期 / Deadlines of open cases (statutory, centre-set, advisory), by due date",
        discussion: """
            例 Examples: anjie deadlines --overdue · anjie deadlines --kind 交办 · anjie deadlines --due-within 3d --workflow review · anjie deadlines --follow-up
            --overdue 只列法定期限与交办/督办期限；指导性期限用 --kind 指导性 查看。
            --overdue lists statutory and centre-set deadlines; advisory targets with --kind advisory.
            """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "只看已逾期（法定与交办/督办）Only overdue (statutory and centre-set unless --kind)") var overdue = false
    @Option(help: "期限种类 Kind: 法定 statutory, 交办/督办 centre_set, 指导性 advisory") var kind: String?
    @Option(name: .customLong("due-within"), help: "N 天内届满（如 3d）Due within N days (e.g. 3d)") var dueWithin: String?
    @Option(help: "流程 Workflow") var workflow: String?
    @Option(help: "乡镇 Township") var township: String?
    @Flag(name: .customLong("follow-up"), help: "未按“每周研判、每月回访”跟进的纠纷 Disputes behind their follow-up cadence")
    var followUp = false
    @Option(help: "以此日为今天 Treat this date as today (default: today in Beijing)") var today: String?

    func run() async throws {
        let (overdue, followUp) = (overdue, followUp)
        let kinds = try await Runtime.reportingErrors {
            DeadlineService.kinds(asked: try kind.map { try FilterValues.clockKind($0, option: "--kind") }, overdueOnly: overdue)
        }
        let (day, within, asked) = try await Runtime.reportingErrors { () -> (LocalDate, Int?, DeadlineService.Filter) in
            let day = try Runtime.today(today)
            let within = try dueWithin.map { text -> Int in
                guard let days = Int(text.hasSuffix("d") ? String(text.dropLast()) : text), days >= 0 else {
                    throw DomainError.invalidInput("--due-within 应如 3d", "--due-within looks like 3d")
                }
                return days
            }
            return (day, within, DeadlineService.Filter(county: "", workflow: try workflow.map { try Workflows.named($0).id },
                                                        township: township))
        }
        let global = global
        // The county is resolved in the one database session the command opens.
        @Sendable func resolved(_ db: Database) async throws -> DeadlineService.Filter {
            var filter = asked
            filter.county = try await global.county(in: db)
            return filter
        }
        if followUp {
            let rows = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await DeadlineService(db).followUps(try await resolved(db), today: day, onlyBehind: true)
            }
            printFollowUps(rows, today: day)
            return
        }
        let open = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
            try await DeadlineService(db).open(try await resolved(db), today: day)
        }
        Self.warn(open.uncomputable)
        let entries = open.entries.filter { entry in
            (!overdue || entry.clock.status(on: day) == .overdue) && kinds.contains(entry.clock.kind)
                && (within.map { entry.clock.due <= day.adding(days: $0) } ?? true)
        }
        if global.format == .json {
            print(JSONOutput.string(.array(entries.map { RecordJSON.deadline($0, today: day) })))
            return
        }
        guard !entries.isEmpty else {
            print("没有符合条件的期限 / no matching deadlines (today \(day))")
            return
        }
        var table = TextTable(header: ["届满 due", "逾期 overdue", "流程 workflow", "编号 case", "乡镇 township", "期限 clock", "种类 kind"])
        for entry in entries {
            let late = entry.clock.overdueDays(on: day)
            let mark = late > 0 ? Terminal.red("\(late)天 days") : entry.clock.status(on: day) == .lapsed ? Terminal.dim("已过期 lapsed") : "—"
            table.rows.append([late > 0 ? Terminal.red(entry.clock.due.description) : entry.clock.due.description, mark,
                               entry.workflow.rawValue, entry.caseNumber, entry.township ?? "—", entry.clock.zh, entry.clock.kind.zh])
        }
        print(table.render())
        print("共 \(entries.count) 项 / \(entries.count) deadlines · 今天 today \(day) · 说明见 anjie case show")
    }

    /// Cases whose deadlines need a holiday calendar that is not loaded: named on standard error,
    /// so the list (and its JSON) stays what it says, and the clerk knows what to load.
    static func warn(_ uncomputable: [DeadlineService.Uncomputable]) {
        guard let first = uncomputable.first else { return }
        let cases = uncomputable.prefix(10).map { "\($0.workflow.rawValue) \($0.caseNumber)" }.joined(separator: ", ")
            + (uncomputable.count > 10 ? " …" : "")
        Terminal.error(Terminal.red("注意 Note: ") + "\(uncomputable.count) 件案件的期限无法计算 / cases whose deadlines cannot be computed: \(cases)\n  "
                       + first.zh + "\n  " + first.en)
    }

    func printFollowUps(_ rows: [DeadlineService.FollowUp], today: LocalDate) {
        if global.format == .json {
            print(JSONOutput.string(.array(rows.map { row in
                .object(["case": .string(row.caseNumber), "township": row.township.json, "state": .string(row.state),
                         "routed": .string(row.cadence.routedOn.description),
                         "last_weekly_review": row.cadence.lastWeeklyReview.map { .string($0.description) } ?? .null,
                         "last_monthly_visit": row.cadence.lastMonthlyVisit.map { .string($0.description) } ?? .null,
                         "weekly_due": .string(row.cadence.weeklyDue.description),
                         "monthly_due": .string(row.cadence.monthlyDue.description),
                         "missing_tiers": .array(row.cadence.missingTiers.map(JSONValue.string))])
            })))
            return
        }
        guard !rows.isEmpty else {
            print("没有落后于跟进节奏的纠纷 / no dispute is behind its follow-up cadence (today \(today))")
            return
        }
        var table = TextTable(header: ["编号 case", "乡镇 township", "流转 routed", "上次研判 last weekly", "上次回访 last visit", "缺少层级 missing tiers"])
        for row in rows {
            let weekly = row.cadence.lastWeeklyReview?.description ?? "—"
            let monthly = row.cadence.lastMonthlyVisit?.description ?? "—"
            table.rows.append([row.caseNumber, row.township ?? "—", row.cadence.routedOn.description,
                               today > row.cadence.weeklyDue ? Terminal.red(weekly) : weekly,
                               today > row.cadence.monthlyDue ? Terminal.red(monthly) : monthly,
                               row.cadence.missingTiers.joined(separator: ", ")])
        }
        print(table.render())
        print("共 \(rows.count) 件未按期跟进 / \(rows.count) disputes behind (weekly review every 7 days, visit every 31)")
    }
}
