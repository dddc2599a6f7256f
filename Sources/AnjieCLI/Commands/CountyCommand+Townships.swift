import AnjieDomain
import AnjieLedger
import AnjieStore
import ArgumentParser
import Foundation

extension CountyCommand {
    /// `anjie county townships load|list|check`: the register a `township` value must match.
    struct Townships: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "townships",
            abstract: "乡镇名册：载入、列出、核对 / The township register: load, list, check",
            subcommands: [Load.self, ListTownships.self, Check.self])

        struct Load: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "load",
                abstract: "载入（替换）乡镇名册 / Load (replace) the county's township register from CSV name,code,aliases")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "CSV 文件 CSV file (header name,code,aliases)") var file: String
            @Option(help: "编码 Encoding: auto, utf-8, gb18030") var encoding: String = "auto"

            func run() async throws {
                let (global, file, encoding) = (global, file, encoding)
                let loaded = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                    let county = try await global.county(in: db)
                    return try await CountyStore(db).loadTownships(try Townships.read(file, county: county, encoding: encoding))
                }
                print(loaded.changed ? Townships.describe(loaded) : "乡镇名册未变，未作改动 / the register is already so, nothing changed")
            }
        }

        struct ListTownships: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "列出乡镇名册 / List the township register")
            @OptionGroup var global: GlobalOptions

            func run() async throws {
                let global = global
                let register = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                    try await CountyStore(db).register(try await global.county(in: db))
                }
                if global.format == .json {
                    print(JSONOutput.string(.array((register?.townships ?? []).map(Townships.json))))
                } else {
                    print(Townships.text(register))
                }
            }
        }

        struct Check: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "check",
                abstract: "核对案件中的乡镇 / Township values on cases that the register does not know",
                discussion: """
                    给出 FILE 时按该名册（含别名）核对，显示载入后将如何对应。
                    With FILE, checks against that register instead: shows how loading it (its aliases) would map the values.
                    Exit 0 when every value is registered, 1 otherwise.
                    """)
            @OptionGroup var global: GlobalOptions
            @Argument(help: "待载入的名册 A register to check against instead (CSV)") var file: String?
            @Option(help: "编码 Encoding: auto, utf-8, gb18030") var encoding: String = "auto"

            func run() async throws {
                let (global, file, encoding) = (global, file, encoding)
                let (county, register, unknown) = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                    let county = try await global.county(in: db)
                    let register = try file.map { try Townships.read($0, county: county, encoding: encoding) }
                    let stored = register == nil ? try await CountyStore(db).register(county) : nil
                    let using = register ?? stored
                    return (county, using, try await CountyStore(db).unknownTownships(county: county, register: using))
                }
                if global.format == .json {
                    print(JSONOutput.string(.array(unknown.map { value, cases in
                        .object(["township": .string(value), "cases": .number(Double(cases)),
                                 "maps_to": register?.lookup(value).map(JSONValue.string) ?? .null,
                                 "suggestions": .array((register?.suggestions(for: value) ?? []).map(JSONValue.string))])
                    })))
                } else if unknown.isEmpty {
                    print("案件中的乡镇均已登记 / every township on \(county)'s cases is registered")
                } else {
                    if register == nil { print("县 \(county) 尚未载入乡镇名册 / county \(county) has no township register loaded") }
                    var table = TextTable(header: ["乡镇 township", "案件数 cases", "载入后为 maps to", "相近 nearest"])
                    for (value, cases) in unknown {
                        table.rows.append([value, "\(cases)", register?.lookup(value) ?? "—",
                                           (register?.suggestions(for: value) ?? []).joined(separator: "、")])
                    }
                    print(table.render())
                }
                if !unknown.isEmpty { throw ExitCode(1) }
            }
        }

        /// Reads a register file; problems come out as one refusal listing every row at fault.
        static func read(_ path: String, county: String, encoding: String) throws -> TownshipRegister {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw DomainError.invalidInput("无法读取文件 \(path)", "cannot read \(path)")
            }
            var forced: LedgerEncoding?
            if encoding != "auto" {
                guard let named = LedgerEncoding.named(encoding) else {
                    throw DomainError.invalidInput("--encoding 只能是 auto、utf-8 或 gb18030", "--encoding must be auto, utf-8 or gb18030")
                }
                forced = named
            }
            return try TownshipFile.read(Array(bytes), county: county, forced: forced)
        }

        static func describe(_ loaded: CountyStore.LoadResult) -> String {
            "已载入乡镇名册 loaded the township register: \(loaded.townships) 个乡镇 townships"
                + (loaded.casesMapped > 0 ? "；\(loaded.casesMapped) 件案件的乡镇按别名或代码改为名称 / cases whose township was an alias or code now hold its name" : "")
        }

        static func text(_ register: TownshipRegister?) -> String {
            guard let register else {
                return "尚未载入乡镇名册（乡镇按输入接受）/ no township register loaded (townships are accepted as typed)"
            }
            var table = TextTable(header: ["名称 name", "代码 code", "别名 aliases"])
            for township in register.townships {
                table.rows.append([township.name, township.code ?? "", township.aliases.joined(separator: ";")])
            }
            return table.render() + "\n共 \(register.townships.count) 个乡镇 / \(register.townships.count) townships"
        }

        static func json(_ township: Township) -> JSONValue {
            .object(["name": .string(township.name), "code": township.code.map(JSONValue.string) ?? .null,
                     "aliases": .array(township.aliases.map(JSONValue.string))])
        }
    }
}
