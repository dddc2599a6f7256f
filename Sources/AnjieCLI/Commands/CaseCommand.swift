import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "案件：查看、列表、记录事件 / Cases: show, list, record an event (every workflow)",
        subcommands: [Show.self, List.self, Find.self, Event.self, Correct.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "案件详情与时间线 / A case: state, timeline, next events")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "流程 Workflow (dispute, mediation, review, …)") var workflow: String
        @Argument(help: "案件编号 Case number") var caseNumber: String
        @Flag(help: "显示完整身份证号和电话（需要密钥）/ Show full ID numbers and phones (needs the key)") var reveal = false

        func run() async throws {
            let (workflow, global, caseNumber, reveal) = (workflow, global, caseNumber, reveal)
            let id = try await Runtime.reportingErrors { try Workflows.named(workflow).id }
            let today = LocalDate(Date())
            let (detail, clocks) = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                let county = try await global.county(in: db)
                let detail = try await CaseStore(db).show(county: county, workflow: id, caseNumber: caseNumber, revealPersonalData: reveal)
                let clocks = try await DeadlineService(db).clocks(county: county, workflow: id, events: detail.events, today: today)
                return (detail, clocks)
            }
            if global.format == .json {
                guard case .object(var object) = CaseRendering.json(detail, reveal: reveal) else { return }
                object["clocks"] = .array(clocks.map { CaseRendering.json($0, today: today) })
                print(JSONOutput.string(.object(object)))
            } else {
                print(CaseRendering.text(detail, reveal: reveal))
                print(CaseRendering.text(clocks, today: today))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按条件列出案件 / List cases by workflow, state, category, township, year",
            discussion: "例 Examples: anjie case list --state 先行调解 · anjie case list --category 劳动争议 --offset 200")
        @OptionGroup var global: GlobalOptions
        @Option(help: "流程 Workflow (id or label, e.g. dispute, 矛盾纠纷)") var workflow: String?
        @Option(help: "状态 State (id or label, e.g. mediating, 先行调解)") var state: String?
        @Option(help: "纠纷类型 Category (id or label, e.g. labor, 劳动争议)") var category: String?
        @Option(help: "乡镇 Township") var township: String?
        @Option(help: "受理年份 Year opened (Asia/Shanghai)") var year: Int?
        @Option(help: "最多条数 At most this many") var limit: Int = 200
        @Option(help: "跳过前 N 件（翻页）Skip the first N cases (paging)") var offset: Int = 0

        func validate() throws {
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be 1…100000") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
        }

        func run() async throws {
            let asked = try await Runtime.reportingErrors { () -> CaseFilter in
                let definition = try workflow.map { try Workflows.named($0) }
                return CaseFilter(county: "", workflow: definition?.id,
                                  state: try state.map { try FilterValues.state($0, workflow: definition, option: "--state") },
                                  township: township, year: year, limit: limit,
                                  category: try category.map { try FilterValues.category($0, option: "--category") }, offset: offset)
            }
            let global = global
            let (label, cases, total, filter) = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                var filter = asked
                filter.county = try await global.county(in: db)
                return (try await CountyStore(db).label(filter.county), try await CaseStore(db).list(filter),
                        try await CaseStore(db).count(filter), filter)
            }
            if global.format == .json {
                CaseRendering.print(cases, as: .json)
            } else {
                print("县 County: \(label)")
                print(CaseRendering.text(cases, total: total, offset: filter.offset))
            }
        }
    }

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按身份证号或电话查找当事人的案件 / Cases of a person, by ID number or phone",
            discussion: "比对的是密钥下的哈希，不解密任何记录。Compares keyed hashes; nothing is decrypted.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("id-number"), help: "身份证号 Resident ID number") var idNumber: String?
        @Option(help: "电话 Phone") var phone: String?

        func validate() throws {
            guard (idNumber == nil) != (phone == nil) else { throw ValidationError("give exactly one of --id-number, --phone") }
        }

        func run() async throws {
            let global = global
            let (kind, value) = idNumber.map { ("id_number", $0) } ?? ("phone", phone ?? "")
            let cases = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                let county = try await global.county(in: db)
                let found = try await PersonalDataVault(db).cases(county: county, kind: kind, value: value)
                var summaries: [CaseSummary] = []
                for (workflow, number) in found {
                    if let summary = try await CaseStore(db).summary(county: county, workflow: workflow, caseNumber: number) {
                        summaries.append(summary)
                    }
                }
                return summaries
            }
            CaseRendering.print(cases, as: global.format)
        }
    }

    struct Event: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录任一流程的事件（通用形式）/ Record an event of any workflow (the generic form)",
            discussion: "例 Example: anjie case event dispute JF-2025-00001 assess --data '{\"risk\":\"low\",\"complexity\":\"simple\",\"basis\":\"…\"}'")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "流程 Workflow") var workflow: String
        @Argument(help: "案件编号 Case number") var caseNumber: String
        @Argument(help: "事件 Event") var event: String
        @Option(help: "事件数据 Event data as a JSON object") var data: String = "{}"
        @Option(help: "事件时间 When it happened (default now)") var at: String?
        @Option(help: "记录人 Who records it (default $ANJIE_ACTOR or the login name)") var actor: String?
        @Option(name: .customLong("expect-version"), help: "仅当案件仍为此版本时记录 Only if the case is still at this version")
        var expectVersion: Int?

        func run() async throws {
            let request = try await Runtime.reportingErrors {
                EventRequest(
                    county: "", workflow: try Workflows.named(workflow).id, caseNumber: caseNumber,
                    event: event, data: try JSONOutput.parseObject(data, what: "--data"),
                    at: try EventArguments.instant(at), actor: Defaults.actor(actor),
                    expectedVersion: expectVersion)
            }
            let global = global
            // The county is resolved in the one database session the command opens.
            let recorded = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                var request = request
                request.county = try await global.county(in: db)
                return try await CaseStore(db).record(request)
            }
            print(global.format == .json ? JSONOutput.string(CaseRendering.json(recorded)) : CaseRendering.text(recorded))
        }
    }
}
