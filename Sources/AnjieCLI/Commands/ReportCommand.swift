import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

struct ReportCommand: AsyncParsableCommand {
    /// Also `anjie demo --format`, which prints to a terminal.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, json, csv
    }

    /// `anjie report` can also write a standalone HTML page, meant for a file, not a terminal.
    enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
        case text, md, json, csv, html
    }

    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "年度统计：由案件记录重新计算年报数字 / The annual report's figures recomputed from case records",
        discussion: "例 Examples: anjie report --year 2025 --compare-published · anjie report --year 2025 --format html > 2025.html")
    @Option(help: "年份 Year (Asia/Shanghai calendar year)") var year: Int
    @Option(help: "县级行政区划代码 County code (default $ANJIE_COUNTY, else the database's county)") var county: String?
    @Option(help: "只统计此乡镇 Only this township (log-record figures are then not available)") var township: String?
    @Option(help: "输出格式 Output format") var format: DocumentFormat = .text
    @Flag(name: .customLong("compare-published"), help: "与公布数字对照并说明差异 Show the published figures beside and explain differences")
    var comparePublished = false
    @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory") var dataDir: String?
    /// bench/run times the statement itself with psql; it is compiled from the declarations, so it is
    /// asked of the binary rather than read from a source file.
    @Flag(name: .customLong("print-sql"), help: .hidden) var printSQL = false

    func run() async throws {
        if printSQL {
            print(try await Runtime.reportingErrors { try ReportService.statement() })
            return
        }
        let (option, year, township) = (county, year, township)
        let wantsHTML = format == .html
        let (report, closure) = try await Runtime.withDatabase(dataDir: dataDir) { db in
            let county = try await Defaults.county(option, in: db)
            return (try await ReportService(db).report(county: county, year: year, township: township),
                    wantsHTML ? try await ReportHTML.closure(db: db, county: county, year: year, township: township) : nil)
        }
        switch format {
        case .text: print(ReportRendering.text(report, compare: comparePublished))
        case .md: print(ReportRendering.markdown(report, compare: comparePublished))
        case .json: print(JSONOutput.string(ReportRendering.json(report)))
        case .csv: print(ReportRendering.csv(report))
        // A standalone page (inline CSS and SVG): `anjie report --year 2025 --format html > 2025.html`.
        // The closure rows were fetched above exactly when the format is html.
        case .html: if let closure { print(ReportHTML.render(report, closure: closure, compare: comparePublished)) }
        }
    }
}

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "督办统计 / Supervisor statistics",
        subcommands: [Closure.self, Overdue.self]
    )

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "逾期期限统计 / Open deadlines and overdue ones, grouped")
        @OptionGroup var global: GlobalOptions
        @Option(help: "分组 Group by: township, workflow, clock, kind") var by: String = "workflow"
        @Option(help: "期限种类 Kind: 法定 statutory, 交办/督办 centre_set, 指导性 advisory (overdue counts statutory and centre-set unless asked)")
        var kind: String?
        @Option(help: "以此日为今天 Treat this date as today") var today: String?

        func run() async throws {
            let global = global
            let (day, by, asked) = try await Runtime.reportingErrors { () -> (LocalDate, String, Clock.Kind?) in
                (try Runtime.today(today), try FilterValues.word(self.by, among: ["township", "workflow", "clock", "kind"], option: "--by"),
                 try kind.map { try FilterValues.clockKind($0, option: "--kind") })
            }
            // As `deadlines --overdue`: an advisory target passed is not counted overdue unless asked.
            let (listed, late) = (DeadlineService.kinds(asked: asked, overdueOnly: false), DeadlineService.kinds(asked: asked, overdueOnly: true))
            let open = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await DeadlineService(db).open(.init(county: try await global.county(in: db)), today: day)
            }
            DeadlinesCommand.warn(open.uncomputable)
            let entries = open.entries.filter { listed.contains($0.clock.kind) }
            let key: (DeadlineService.Entry) -> String = { entry in
                switch by {
                case "township": return entry.township ?? "—"
                case "clock": return "\(entry.workflow.rawValue).\(entry.clock.id) \(entry.clock.zh)"
                case "kind": return "\(entry.clock.kind.rawValue) \(entry.clock.kind.zh)"
                default: return entry.workflow.rawValue
                }
            }
            let groups = Dictionary(grouping: entries, by: key)
            let rows = groups.map { group, items in
                (group, items.count, items.filter { $0.clock.status(on: day) == .overdue && late.contains($0.clock.kind) }.count)
            }.sorted { ($0.2, $0.1, $1.0) > ($1.2, $1.1, $0.0) }
            if global.format == .json {
                print(JSONOutput.string(.array(rows.map { row in
                    .object(["group": .string(row.0), "open": .number(Double(row.1)), "overdue": .number(Double(row.2))])
                })))
                return
            }
            var table = TextTable(header: [by, "未届满+逾期 open", "已逾期 overdue"])
            for row in rows { table.rows.append([row.0, "\(row.1)", row.2 > 0 ? Terminal.red("\(row.2)") : "0"]) }
            print(rows.isEmpty ? "没有进行中的期限 / no open deadlines" : table.render() + "\n今天 today \(day)")
        }
    }

    struct Closure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "受理、办结、办结率、办结用时中位数 / Received, concluded, closure rate, median days to conclude")
        @OptionGroup var global: GlobalOptions
        @Option(help: "年份 Year received") var year: Int
        @Option(help: "分组 Group by: township, category, workflow") var by: String = "workflow"
        @Option(help: "只看此流程 Only this workflow") var workflow: String?

        func run() async throws {
            let (global, year) = (global, year)
            let (grouping, id) = try await Runtime.reportingErrors { () -> (ClosureStatistics.Grouping, WorkflowID?) in
                let word = try FilterValues.word(by, among: ClosureStatistics.Grouping.allCases.map(\.rawValue), option: "--by")
                return (ClosureStatistics.Grouping(rawValue: word)!, try workflow.map { try Workflows.named($0).id })
            }
            let rows = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await ClosureStatistics(db).closure(county: try await global.county(in: db), year: year, by: grouping, workflow: id)
            }
            if global.format == .json {
                print(JSONOutput.string(.array(rows.map(RecordJSON.closure))))
                return
            }
            var table = TextTable(header: ["\(by)", "受理 received", "办结 concluded", "办结率 rate", "用时中位数 median days"])
            for row in rows {
                table.rows.append([row.group, "\(row.received)", "\(row.concluded)",
                                   row.rate.map { String(format: "%.1f%%", $0) } ?? "—",
                                   row.medianDays.map { String(format: "%.1f", $0) } ?? "—"])
            }
            print(rows.isEmpty ? "没有符合条件的案件 / no cases" : table.render())
        }
    }
}
