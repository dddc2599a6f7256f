import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "登记与查询记录（来访、咨询、培训、法治体检）/ Log records: reception, desk consultations, trainings, enterprise check-ups",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记一条记录 / Add a record: anjie log add reception --site center",
            discussion: LogKind.allCases.map { kind in
                "\(kind.rawValue) \(kind.spec.zh): " + kind.spec.fields.filter(\.required)
                    .map { "--\($0.name.replacingOccurrences(of: "_", with: "-")) \($0.zh)" }.joined(separator: " ")
            }.joined(separator: "\n"))
        @Argument(parsing: .captureForPassthrough, help: "类型 [编号] --字段 值… KIND [ID] --field value…")
        var words: [String] = []

        func run() async throws {
            let (kind, arguments) = try await Runtime.reportingErrors { () -> (LogKind, EventArguments) in
                let arguments = try EventArguments(words) { try? LogKind.parse($0).spec }
                guard let name = arguments.event else {
                    throw DomainError.invalidInput("请指定记录类型：\(LogKind.allCases.map(\.rawValue).joined(separator: ", "))",
                                                   "name a kind: \(LogKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return (try LogKind.parse(name), arguments)
            }
            let request = LogRequest(
                county: "",
                kind: kind, id: arguments.caseNumber,
                at: try await Runtime.reportingErrors { try EventArguments.instant(arguments.at) },
                actor: Defaults.actor(arguments.actor), data: arguments.data)
            let option = arguments.county
            // The county is resolved in the one database session the command opens.
            let written = try await Runtime.withDatabase(dataDir: arguments.dataDir) { db in
                var request = request
                request.county = try await Defaults.county(option, in: db)
                return try await LogStore(db).add(request)
            }
            switch written {
            case .added(let id): print("已登记 Added \(kind.rawValue) \(id)")
            case .alreadyPresent(let id): print("已存在，未重复登记 Already present, nothing written: \(id)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出记录 / List records")
        @OptionGroup var global: GlobalOptions
        @Option(help: "类型 Kind (reception, desk_consultation, training, enterprise_checkup)") var kind: String?
        @Option(help: "年份 Year") var year: Int?
        @Option(help: "最多条数 At most this many") var limit: Int = 200

        func run() async throws {
            let parsed = try await Runtime.reportingErrors { try kind.map(LogKind.parse) }
            let (global, year, limit) = (global, year, limit)
            let records = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                let county = try await global.county(in: db)
                return try await LogStore(db).list(county: county, kind: parsed, year: year, limit: limit)
            }
            if global.format == .json {
                print(JSONOutput.string(.array(records.map { record in
                    .object(["county": .string(record.county), "id": .string(record.id), "log": .string(record.kind),
                             "at": .string(Timestamp.format(record.at)), "actor": .string(record.actor), "data": .object(record.data)])
                })))
                return
            }
            var table = TextTable(header: ["编号 id", "类型 kind", "时间 at", "内容 data"])
            for record in records {
                table.rows.append([record.id, record.kind, CaseRendering.short(record.at), JSONValue.object(record.data).display])
            }
            print(records.isEmpty ? "没有记录 / no records" : table.render() + "\n共 \(records.count) 条 / \(records.count) records")
        }
    }
}
