import AnjieDomain
import AnjieLedger
import AnjieStore
import ArgumentParser
import Foundation

/// `anjie county …`: the county register (issue 16) — which counties this database serves, their
/// names, and the townships a `township` value must match.
struct CountyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "county",
        abstract: "县与乡镇名册 / The county register: counties, their names and townships",
        discussion: """
            例 Examples: anjie county init 450222 --name 柳城县 --townships townships.csv · anjie county list
            乡镇名册为 CSV（表头 name,code,aliases；多个别名用 ; 分隔；UTF-8 或 GB18030）。
            A township register is CSV with the header name,code,aliases (aliases separated by ;), UTF-8 or GB18030.
            """,
        subcommands: [Init.self, Show.self, List.self, Townships.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记本县（可重复运行）/ Register a county, or bring it to these values; running it again changes nothing")
        @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory") var dataDir: String?
        @Argument(help: "县级行政区划代码 County code (six digits, GB/T 2260)") var code: String
        @Option(help: "县名 The county's name, e.g. 柳城县") var name: String
        @Option(help: "乡镇名册 CSV Township register (CSV name,code,aliases)") var townships: String?
        @Option(help: "名册编码 Register encoding: auto, utf-8, gb18030") var encoding: String = "auto"
        @Flag(name: .customLong("default"), help: "设为默认县 Make it the county commands use when none is named") var makeDefault = false

        func run() async throws {
            let (code, name, makeDefault, dataDir) = (code, name, makeDefault, dataDir)
            let register = try await Runtime.reportingErrors {
                let code = try CountyCode.validate(code)
                return try townships.map { try Townships.read($0, county: code, encoding: encoding) }
            }
            let result = try await Runtime.withDatabase(dataDir: dataDir) { db in
                try await CountyStore(db).initialize(code: code, name: name, makeDefault: makeDefault, townships: register)
            }
            let label = RegisteredCounty.label(name: name, code: code)
            var said: [String] = []
            if result.created { said.append("已登记 registered \(label)") }
            if result.renamed { said.append("已更名 renamed to \(label)") }
            if result.madeDefault { said.append("设为默认县 now the default county") }
            if let loaded = result.townships, loaded.changed { said.append(Townships.describe(loaded)) }
            print(said.isEmpty ? "\(label) 已是如此，未作改动 / already so, nothing changed" : said.joined(separator: "\n"))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看一个县 / Show a county and its townships")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "县级行政区划代码 County code (default: the database's county)") var code: String?

        func run() async throws {
            let (global, code) = (global, code)
            let (county, register) = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                let chosen = try await Defaults.county(code ?? global.county, in: db)
                guard let county = try await CountyStore(db).county(chosen) else { throw CountyStore.notRegistered(chosen) }
                return (county, try await CountyStore(db).register(chosen))
            }
            if global.format == .json {
                print(JSONOutput.string(.object(List.json(county).merging(
                    ["townships": .array((register?.townships ?? []).map(Townships.json))]) { $1 })))
                return
            }
            print("县 County: \(county.label)" + (county.isDefault ? " · 默认 default" : ""))
            print(Townships.text(register))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出本数据库的县 / List the counties this database serves")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let counties = try await Runtime.withDatabase(dataDir: global.dataDir) { try await CountyStore($0).list() }
            if global.format == .json {
                print(JSONOutput.string(.array(counties.map { .object(Self.json($0)) })))
                return
            }
            var table = TextTable(header: ["代码 code", "名称 name", "默认 default", "乡镇数 townships"])
            for county in counties {
                table.rows.append([county.code, county.name, county.isDefault ? "是 yes" : "", "\(county.townships)"])
            }
            print(counties.isEmpty ? "尚未登记县：anjie county init 代码 --name 名称 / no county registered: anjie county init CODE --name NAME"
                                   : table.render())
        }

        static func json(_ county: RegisteredCounty) -> [String: JSONValue] {
            ["code": .string(county.code), "name": .string(county.name), "default": .bool(county.isDefault),
             "townships": .number(Double(county.townships))]
        }
    }
}
