#if canImport(Glibc)
import Glibc
#endif
import AnjieDomain
import AnjieLedger
import AnjieStore
import Foundation
import PostgresNIO
import Testing

/// `anjie import-ledger` end to end: the built binary, a real PostgreSQL, ledgers as townships
/// save them (UTF-8 with and without BOM, GB18030), good rows and bad ones.
@Suite struct LedgerImportTests {
    static let header = MediationColumn.allCases.map(\.header)
    static let townships = ["大埔镇", "东泉镇", "沙埔镇", "龙头镇"]
    static let categories = ["邻里", "婚姻家庭", "合同", "损害赔偿", "房屋宅基地", "劳动争议"]

    /// A valid ID number born on the given day: 17 digits and the GB 11643 check character.
    static func idNumber(_ index: Int) -> String {
        let first17 = "450222" + String(1950 + index % 50) + "0" + String(1 + index % 9) + "1" + String(index % 9) + String(format: "%03d", index % 1000)
        return first17 + String(ResidentIDNumber.checkCharacter(for: first17)!)
    }

    /// A real-looking ledger row (as Excel cells): accepted in 2025, about half agreed, some failed,
    /// some still open. `dateStyle` picks how dates are typed.
    static func row(_ serial: Int, dateStyle: Int = 0) -> [String] {
        let month = 1 + serial % 11, day = 1 + serial % 27
        func date(_ d: Int) -> String {
            switch (dateStyle + serial) % 3 {
            case 0: return String(format: "2025-%02d-%02d", month, d)
            case 1: return "2025/\(month)/\(d)"
            default: return "2025年\(month)月\(d)日"
            }
        }
        let result = ["达成协议", "调解不成", "达成协议", "", "终止调解", "调解成功"][serial % 6]
        var cells: [MediationColumn: String] = [
            .serial: String(serial), .accepted: date(day), .organization: "\(townships[serial % 4])人民调解委员会",
            .organizationKind: "乡镇", .township: townships[serial % 4], .source: serial % 5 == 0 ? "法院委派" : "当事人申请",
            .parties: "申请人：张\(serial)、被申请人：李\(serial)", .idNumbers: idNumber(serial) + "、", .phones: "、1380000\(String(format: "%04d", serial))",
            .category: categories[serial % categories.count], .amount: serial % 3 == 0 ? "" : String(serial * 100),
            .summary: "因\(categories[serial % categories.count])事项发生争执，双方同意调解", .mediator: "调解员\(serial % 7)",
            .result: result,
        ]
        if !result.isEmpty { cells[.concluded] = date(min(28, day + 1)) }
        if result == "达成协议" || result == "调解成功" { cells[.form] = serial % 2 == 0 ? "书面协议" : "口头协议"; cells[.agreedAmount] = "500" }
        if result == "调解不成" || result == "终止调解" { cells[.reason] = "双方分歧较大" }
        return MediationColumn.allCases.map { cells[$0] ?? "" }
    }

    static func ledger(rows: [[String]], encoding: LedgerEncoding, bom: Bool = true) throws -> String {
        let text = try LedgerTable.write(header: header, rows: rows)
        var bytes = encoding.encode(text)
        if encoding == .utf8, !bom { bytes.removeFirst(3) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("台账.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    static func count(_ db: Database, _ sql: String) async throws -> Int {
        let rows = try await db.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }

    @Test func eachEncodingAndDateStyleImports() async throws {
        try await TestDatabase.withFreshDatabase("ledger_enc") { db, configuration in
            let files = [
                try Self.ledger(rows: (1...6).map { Self.row($0, dateStyle: 0) }, encoding: .utf8, bom: false),
                try Self.ledger(rows: (7...12).map { Self.row($0, dateStyle: 1) }, encoding: .utf8, bom: true),
                try Self.ledger(rows: (13...18).map { Self.row($0, dateStyle: 2) }, encoding: .gb18030),
            ]
            for (index, file) in files.enumerated() {
                let run = try AnjieProcess.run(["import-ledger", "mediation", file, "--format", "json"], database: configuration)
                #expect(run.status == 0, "\(run.stderr)")
                let json = try #require(run.json)
                #expect(json["encoding"] as? String == (index == 2 ? "gb18030" : "utf-8"))
                #expect(json["rows_imported"] as? Int == 6)
                #expect(json["cases_created"] as? Int == 6)
            }
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases WHERE workflow = 'mediation'") == 18)
            // Row 13 (serial 13, style 2 → 2025/3/14 typed as 2025年…): every style lands on the same civil date.
            let dates = try await db.client.query("""
                SELECT to_char(opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM cases ORDER BY case_no
                """)
            var seen: [String] = []
            for try await text in dates.decode(String.self) { seen.append(text) }
            #expect(seen.allSatisfy { $0.hasSuffix("12:00") })
            let categories = try await db.client.query("SELECT DISTINCT category FROM cases ORDER BY 1")
            var ids: [String] = []
            for try await id in categories.decode(String.self) { ids.append(id) }
            #expect(ids.allSatisfy { $0.allSatisfy(\.isASCII) }, "labels are stored as ids: \(ids)")
        }
    }

    /// The issue's "done when": a GB18030 ledger of 500 rows with 3 bad rows.
    @Test func aGB18030LedgerOf500RowsWith3BadRows() async throws {
        var rows = (1...500).map { Self.row($0) }
        let column = { (c: MediationColumn) in MediationColumn.allCases.firstIndex(of: c)! }
        let valid = Self.idNumber(41)
        rows[41][column(.idNumbers)] = String(valid.dropLast()) + (valid.last == "1" ? "2" : "1") + "、"  // check character wrong → Excel row 43
        rows[199][column(.category)] = "吵架"                    // not a category      → Excel row 201
        rows[437][column(.accepted)] = "2025-02-30"              // no such day          → Excel row 439
        let path = try Self.ledger(rows: rows, encoding: .gb18030)
        try await TestDatabase.withFreshDatabase("ledger_500") { db, configuration in
            let refused = try AnjieProcess.run(["import-ledger", "mediation", path], database: configuration)
            #expect(refused.status == 1)
            for row in [43, 201, 439] { #expect(refused.stderr.contains("第 \(row) 行 row \(row)"), "\(refused.stderr)") }
            #expect(refused.stderr.contains("身份证号") && refused.stderr.contains("纠纷类型") && refused.stderr.contains("受理日期"))
            #expect(refused.stdout.contains("未写入任何数据 Nothing written"))
            #expect(try await Self.count(db, "SELECT count(*)::int FROM events") == 0)
            #expect(!FileManager.default.fileExists(atPath: LedgerRejects.path(for: path)))

            let started = Date()
            let imported = try AnjieProcess.run(["import-ledger", "mediation", path, "--skip-invalid", "--format", "json"], database: configuration)
            let seconds = Date().timeIntervalSince(started)
            print("ledger import: 500-row GB18030 file, 497 rows imported in \(String(format: "%.2f", seconds)) s (process included)")
            #expect(imported.status == 0, "\(imported.stderr)")
            let json = try #require(imported.json)
            #expect(json["rows_imported"] as? Int == 497)
            #expect(json["rejected"] as? Int == 3)
            #expect(json["committed"] as? Bool == true)
            let events = json["events_written"] as? Int ?? 0
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases") == 497)
            #expect(try await Self.count(db, "SELECT count(*)::int FROM events") == events)
            #expect(events > 497, "results give a second event to most rows")

            let rejectsPath = LedgerRejects.path(for: path)
            #expect(json["rejects_file"] as? String == rejectsPath)
            let rejectBytes = try #require(FileManager.default.contents(atPath: rejectsPath))
            let decoded = try LedgerEncoding.decode(Array(rejectBytes))
            #expect(decoded.encoding == .gb18030, "the rejects file is in the input's encoding")
            let rejects = try LedgerTable.parse(decoded.text)
            #expect(rejects.header == Self.header + [LedgerRejects.reasonHeader])
            #expect(rejects.rows.map { $0.cells[0] } == ["42", "200", "438"])
            #expect(rejects.rows[0].cells.last?.contains("第43行") == true)
            #expect(rejects.rows[1].cells.last?.contains("is not one of") == true)

            // Importing the same ledger again changes nothing.
            let again = try AnjieProcess.run(["import-ledger", "mediation", path, "--skip-invalid", "--format", "json"], database: configuration)
            #expect(again.json?["cases_created"] as? Int == 0)
            #expect(again.json?["events_written"] as? Int == 0)
            #expect(try await Self.count(db, "SELECT count(*)::int FROM events") == events)
        }
    }

    /// A refusal only the database can give: the case number already holds another case.
    @Test func aCaseNumberAlreadyTakenIsARejectedRowToo() async throws {
        let caseColumn = MediationColumn.allCases.firstIndex(of: .caseNumber)!
        var first = Self.row(1)
        first[caseColumn] = "TJ-2025-FIXED-1"
        var clash = Self.row(2)
        clash[caseColumn] = "TJ-2025-FIXED-1"
        let (firstRow, clashRow) = (first, clash)
        try await TestDatabase.withFreshDatabase("ledger_clash") { db, configuration in
            let one = try AnjieProcess.run(["import-ledger", "mediation", try Self.ledger(rows: [firstRow], encoding: .utf8)], database: configuration)
            #expect(one.status == 0, "\(one.stderr)")
            let path = try Self.ledger(rows: [Self.row(3), clashRow, Self.row(4)], encoding: .utf8)
            let refused = try AnjieProcess.run(["import-ledger", "mediation", path], database: configuration)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("第 3 行 row 3"), "\(refused.stderr)")
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases") == 1)
            let skipped = try AnjieProcess.run(["import-ledger", "mediation", path, "--skip-invalid", "--format", "json"], database: configuration)
            #expect(skipped.json?["rows_imported"] as? Int == 2)
            #expect(skipped.json?["rejected"] as? Int == 1)
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases") == 3)
        }
    }

    @Test func theTemplateIsUTF8WithBOMAndImports() async throws {
        try await TestDatabase.withFreshDatabase("ledger_tpl") { _, configuration in
            let template = try AnjieProcess.run(["import-ledger", "--template", "mediation"], database: configuration)
            #expect(template.status == 0)
            #expect(template.stdoutBytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-template-\(UUID().uuidString).csv").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(template.stdoutBytes)))
            let run = try AnjieProcess.run(["import-ledger", "mediation", path, "--format", "json"], database: configuration)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.json?["cases_created"] as? Int == 1)
        }
    }

    /// Without a terminal, a missing field is refused as before interactive entry existed.
    @Test func withoutATerminalMissingFieldsAreStillRefused() async throws {
        try await TestDatabase.withFreshDatabase("ledger_noinput") { db, configuration in
            let run = try AnjieProcess.run(["dispute", "register", "--channel", "警情推送"], database: configuration)
            #expect(run.status == 1)
            #expect(run.stderr.contains("category") && run.stderr.contains("required"))
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases") == 0)
        }
    }
}

/// Runs the built `anjie` with its output captured in files (pipes could fill and block it).
struct AnjieProcess {
    let status: Int32
    let stdoutBytes: [UInt8]
    let stderr: String
    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(stdoutBytes)) as? [String: Any] }

    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("anjie").path
    }

    /// `executable` other than anjie is for wrappers such as `script`, which gives anjie a terminal.
    static func run(_ arguments: [String], database: PostgresClient.Configuration, stdin: String = "/dev/null",
                    executable: String = binary) throws -> AnjieProcess {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, dir + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, dir + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let words = [executable] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment
        env["ANJIE_DATABASE_URL"] = TestDatabase.url(for: database)
        env["ANJIE_ACTOR"] = "test:ledger"
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "ANJIE_COUNTY")
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw StoreError.environment("spawn", "cannot start \(executable): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let out = FileManager.default.contents(atPath: dir + "/out") ?? Data()
        let err = FileManager.default.contents(atPath: dir + "/err") ?? Data()
        // WEXITSTATUS: the exit code sits in the second byte of the wait status; a process killed by
        // a signal reports 128 + the signal (as shells do), so `status == 0` never passes on a crash.
        let signal = status & 0x7F
        return AnjieProcess(status: signal != 0 ? 128 + signal : (status >> 8) & 0xFF, stdoutBytes: Array(out), stderr: String(decoding: err, as: UTF8.self))
    }
}
