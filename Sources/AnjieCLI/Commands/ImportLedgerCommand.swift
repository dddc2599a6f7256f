#if canImport(Glibc)
import Glibc
#endif
import AnjieDomain
import AnjieLedger
import AnjieStore
import ArgumentParser
import Foundation

/// `anjie import-ledger mediation FILE.csv`: a township's Excel ledger (saved as CSV) in, through the
/// same engine as every other entry path. Reading and mapping are AnjieLedger's (pure); this command
/// only reads the file, writes through `LedgerImportRun` and reports.
struct ImportLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-ledger",
        abstract: "导入 Excel 台账（CSV）/ Import a township's Excel ledger saved as CSV (people's mediation)",
        discussion: """
            台账 LEDGERS: mediation（人民调解登记台账）。表头与取值见 docs/ledger.md；模板：anjie import-ledger --template mediation > 台账.csv
            编码 Encodings: UTF-8（含或不含 BOM）、GB18030/GBK（Excel 默认另存的 CSV）。日期 Dates: 2025-03-02, 2025/3/2, 2025年3月2日.
            任何一行有误则列出全部错误行（第 N 行：原因）且不写入任何数据；加 --skip-invalid 则写入其余各行，
            有误的行连同原因写入输入文件旁的 FILE.rejects.csv。
            Any bad row: every bad row is listed (row N: reason) and nothing is written. With --skip-invalid the
            other rows are written and the bad ones go to FILE.rejects.csv beside the input, with a reason column.
            Importing the same ledger twice changes nothing.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "台账种类 Ledger kind: mediation") var kind: String?
    @Argument(help: "CSV 文件 The CSV file") var file: String?
    @Option(help: "打印该台账的模板（表头与示例行，UTF-8 含 BOM）Print the ledger's template (header and an example row)")
    var template: String?
    @Flag(name: .customLong("skip-invalid"), help: "写入有效行，有误的行写入 FILE.rejects.csv Write the valid rows; bad rows go to FILE.rejects.csv")
    var skipInvalid = false
    @Flag(name: .customLong("dry-run"), help: "只校验，不写入 Validate only; write nothing") var dryRun = false
    @Option(help: "文件编码 Encoding: auto, utf-8, gb18030 (default auto)") var encoding = "auto"
    @Option(help: "表中无“调解组织”列时使用 Organisation, when the sheet has no 调解组织 column") var organization: String?
    @Option(name: .customLong("organization-kind"), help: "调解组织类型（乡镇、村（社区）…）Organisation kind") var organizationKind: String?
    @Option(help: "乡镇 Township, when the sheet has no 乡镇 column") var township: String?
    @Option(help: "案件来源（当事人申请…）Source, when the sheet has no 案件来源 column") var source: String?
    @Option(name: .customLong("case-prefix"), help: "案件编号前缀：TJ-年份-前缀-序号 Case number prefix (TJ-YEAR-PREFIX-SERIAL)")
    var casePrefix: String?
    @Option(help: "记录人 Actor recorded on the events") var actor: String?

    func validate() throws {
        if template == nil, kind == nil || file == nil {
            throw ValidationError("需要台账种类和文件：anjie import-ledger mediation FILE.csv / a ledger kind and a file are required")
        }
    }

    func run() async throws {
        if let template {
            let kind = try await Runtime.reportingErrors { try Self.kind(template) }
            FileHandle.standardOutput.write(Data(LedgerTemplate.bytes(kind)))
            return
        }
        let (kindName, file) = (kind!, file!)
        let showProgress = isatty(STDERR_FILENO) == 1
        let started = Date()
        let county = try await Defaults.county(global.county, dataDir: global.dataDir)
        let (table, detected, reading) = try await Runtime.reportingErrors {
            _ = try Self.kind(kindName)
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw DomainError.invalidInput("无法读取文件 \(file)", "cannot read \(file)")
            }
            var forced: LedgerEncoding?
            if encoding != "auto" {
                guard let named = LedgerEncoding.named(encoding) else {
                    throw DomainError.invalidInput("--encoding 只能是 auto、utf-8 或 gb18030", "--encoding must be auto, utf-8 or gb18030")
                }
                forced = named
            }
            let decoded = try LedgerEncoding.decode(Array(bytes), forced: forced)
            let table = try LedgerTable.parse(decoded.text)
            let ledger = MediationLedger(
                county: county,
                defaults: .init(organization: organization, organizationKind: organizationKind, township: township, source: source),
                casePrefix: try casePrefix.map(Self.checkPrefix))
            let reading = try ledger.read(table) { done, total in
                if showProgress { Terminal.progress("校验 checking " + Terminal.bar(done, total) + " \(done)/\(total) 行 rows") }
            }
            return (table, decoded.encoding, reading)
        }
        // Without --skip-invalid a bad row means nothing is written, but the store's own refusals
        // (a case number already taken) are still worth listing in the same run: a dry run finds them.
        let checkOnly = dryRun || (!skipInvalid && !reading.problems.isEmpty)
        let (actor, skipInvalid) = (Defaults.actor(actor), skipInvalid)
        let cases = reading.cases
        let outcome = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
            try await LedgerImportRun(db: db, actor: actor).run(cases, skipInvalid: skipInvalid, dryRun: checkOnly) { lines, total in
                if showProgress { Terminal.progress("写入 writing " + Terminal.bar(lines, total) + " \(lines)/\(total) 事件 events") }
            }
        }
        if showProgress { Terminal.progress(nil) }
        let problems = (reading.problems + outcome.storeProblems).sorted { $0.row < $1.row }
        var rejectsPath: String?
        if skipInvalid, !dryRun, !problems.isEmpty {
            let path = LedgerRejects.path(for: file)
            try await Runtime.reportingErrors {
                let text = try LedgerRejects.text(table: table, problems: problems)
                guard FileManager.default.createFile(atPath: path, contents: Data(detected.encode(text))) else {
                    throw DomainError.invalidInput("无法写入 \(path)", "cannot write \(path)")
                }
            }
            rejectsPath = path
        }
        let summary = LedgerSummary(file: file, encoding: detected, rows: reading.rowCount, problems: problems,
                                    ignoredHeaders: reading.ignoredHeaders, outcome: outcome, rejectsPath: rejectsPath,
                                    skipInvalid: skipInvalid, dryRun: dryRun, seconds: Date().timeIntervalSince(started))
        summary.print(format: global.format)
        if !problems.isEmpty && !skipInvalid { throw ExitCode(1) }
    }

    static func kind(_ name: String) throws -> LedgerKind {
        guard let kind = LedgerKind(rawValue: name.lowercased()) ?? LedgerKind.allCases.first(where: { $0.label == name }) else {
            throw DomainError.invalidInput(
                "未知台账种类 \(name)；可用：\(LedgerKind.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))",
                "unknown ledger kind \(name); kinds: \(LedgerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    /// The prefix goes into case numbers, which are ASCII letters, digits, `-` and `_`.
    static func checkPrefix(_ prefix: String) throws -> String {
        guard (1...20).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw DomainError.invalidInput("--case-prefix 应为1至20位字母或数字（如 DPZ）", "--case-prefix must be 1 to 20 letters or digits (e.g. DPZ)")
        }
        return prefix
    }
}
