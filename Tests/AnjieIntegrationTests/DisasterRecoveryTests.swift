#if canImport(Glibc)
import Glibc
#endif
@testable import AnjieStore
import Foundation
import PostgresNIO
import Testing

/// Issue 16, item 4: the disaster-recovery runbook of docs/operations.md, run with the built `anjie`
/// as an operator would: a database on an "old machine" (the demo in one data directory), its backup,
/// a "new machine" (a second data directory; then an empty external server), the restore, and the
/// personal-data key copied — or not. Without the key nothing with personal data may be written, no
/// key may be generated, and every message must say where the key comes from.
@Suite struct DisasterRecoveryTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        var output: String { stdout + stderr }
    }

    /// `anjie` with a clean environment: no key, no database URL, no data directory from the test
    /// process (TestDatabase exports ANJIE_PII_KEY for its own children); `environment` adds to it.
    static func anjie(_ arguments: [String], _ environment: [String: String] = [:]) throws -> Run {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-dr-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, dir + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, dir + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let binary = AnjieProcess.binary
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment
        for name in ["ANJIE_PII_KEY", "ANJIE_PII_KEY_FILE", "ANJIE_DATABASE_URL", "ANJIE_DATA_DIR", "ANJIE_COUNTY"] {
            env.removeValue(forKey: name)
        }
        env["NO_COLOR"] = "1"
        env["ANJIE_ACTOR"] = "test:recovery"
        env.merge(environment) { $1 }
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard spawned == 0 else { throw StoreError.environment("spawn", "cannot start \(binary): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        return Run(status: signal != 0 ? 128 + signal : (status >> 8) & 0xFF,
                   stdout: String(decoding: FileManager.default.contents(atPath: dir + "/out") ?? Data(), as: UTF8.self),
                   stderr: String(decoding: FileManager.default.contents(atPath: dir + "/err") ?? Data(), as: UTF8.self))
    }

    /// Rows of a table of the embedded database of `dataDir` (read as the owner, from the test).
    static func count(_ table: String, dataDir: String) async throws -> Int {
        try await count(table, try DatabaseTarget.local(dataDir: dataDir).configuration())
    }

    static func count(_ table: String, _ configuration: PostgresClient.Configuration) async throws -> Int {
        try await Database.with(configuration) { try await ImportExportTests.count($0, table) }
    }

    /// The message every refusal without the key must carry: where the key comes from, both languages.
    static func namesTheKey(_ text: String) -> Bool {
        text.contains("pii.key") && text.contains("0600") && text.contains("ANJIE_PII_KEY") && text.contains("复制")
            && text.contains("Copy the old machine's")
    }

    static let register = ["dispute", "register", "--channel", "walk_in", "--category", "neighbour", "--township", "大埔镇",
                           "--summary", "排水沟纠纷", "--party", "role=applicant,name=张三,id_number=11010519491231002X",
                           "--at", "2025-12-02 09:30", "--no-input"]

    @Test func theRunbookRestoresANewMachineAndRefusesWithoutTheKey() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-dr-\(UUID().uuidString.prefix(8))").path
        let (old, new, external) = (root + "/old", root + "/new", root + "/server")
        let archive = root + "/anjie.dump"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer {
            for dir in [old, new, external] { try? LocalCluster(dataDir: dir).stop(immediate: true) }
            try? FileManager.default.removeItem(atPath: root)
        }

        // The old machine: the demo's year of records, its report and a clean audit.
        let demo = try Self.anjie(["demo", "--data-dir", old])
        #expect(demo.status == 0, "demo: \(demo.stderr.suffix(600))")
        let report = try Self.anjie(["report", "--year", "2025", "--format", "json", "--data-dir", old])
        #expect(report.status == 0 && report.stdout.contains("\"indicators\""), "\(report.stderr.suffix(400))")
        let oldAudit = try Self.anjie(["audit", "verify", "--data-dir", old])
        #expect(oldAudit.status == 0 && oldAudit.stdout.contains("all intact"), "\(oldAudit.output.suffix(400))")
        let events = try await Self.count("events", dataDir: old)
        #expect(events > 1000)

        // 1. Backup: it says where the key is, and that the archive does not hold it.
        let backup = try Self.anjie(["backup", archive, "--data-dir", old])
        #expect(backup.status == 0, "\(backup.stderr)")
        let oldKey = URL(fileURLWithPath: old + "/pii.key").standardizedFileURL.path
        #expect(backup.stdout.contains(oldKey) && backup.stdout.contains("NOT in this backup") && backup.stdout.contains("不在备份中"),
                "\(backup.stdout)")

        // 2. The new machine, the backup copied but not the key: the restore itself works (the
        // fresh cluster has no anjie_app yet) and warns where the key must come from.
        let restore = try Self.anjie(["restore", archive, "--yes", "--data-dir", new])
        #expect(restore.status == 0, "restore: \(restore.stderr.suffix(800))")
        #expect(Self.namesTheKey(restore.stderr), "\(restore.stderr)")
        #expect(try await Self.count("events", dataDir: new) == events)

        // Without the key: status fails, a write with an ID number is refused and writes nothing,
        // no key is generated, the audit says so in one line, and the report (no personal data) is the same.
        let status = try Self.anjie(["pii", "status", "--data-dir", new])
        #expect(status.status != 0 && Self.namesTheKey(status.stderr), "pii status: \(status.status) \(status.output)")
        let refused = try Self.anjie(Self.register + ["--data-dir", new])
        #expect(refused.status == 5 && Self.namesTheKey(refused.stderr), "register: \(refused.status) \(refused.output)")
        #expect(try await Self.count("events", dataDir: new) == events)
        #expect(try await Self.count("pii_values", dataDir: new) == (try await Self.count("pii_values", dataDir: old)))
        #expect(!FileManager.default.fileExists(atPath: new + "/pii.key"), "a new key was generated")
        let keylessAudit = try Self.anjie(["audit", "verify", "--data-dir", new])
        let auditLines = keylessAudit.stdout.split(separator: "\n")
        #expect(keylessAudit.status != 0 && auditLines.count == 2 && Self.namesTheKey(keylessAudit.stdout),
                "audit without the key: \(keylessAudit.status), \(auditLines.count) lines: \(keylessAudit.stdout.prefix(800))")
        let keylessReport = try Self.anjie(["report", "--year", "2025", "--format", "json", "--data-dir", new])
        #expect(keylessReport.stdout == report.stdout)

        // 3. The key copied, mode 0600: everything as on the old machine.
        try FileManager.default.copyItem(atPath: old + "/pii.key", toPath: new + "/pii.key")
        chmod(new + "/pii.key", 0o600)
        #expect(try Self.anjie(["pii", "status", "--data-dir", new]).status == 0)
        let audit = try Self.anjie(["audit", "verify", "--data-dir", new])
        #expect(audit.status == 0 && audit.stdout == oldAudit.stdout, "\(audit.output.suffix(400))")
        #expect(try Self.anjie(["report", "--year", "2025", "--format", "json", "--data-dir", new]).stdout == report.stdout)
        let written = try Self.anjie(Self.register + ["--data-dir", new])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try await Self.count("events", dataDir: new) == events + 1)

        // 4. The same onto an empty external server: a new cluster (no anjie_app) where the
        // database belongs to an ordinary login with CREATEROLE, as a county's DBA would set it up.
        let server = try LocalCluster(dataDir: external)
        try server.start()
        let admin = PostgresClient.Configuration(unixSocketPath: server.socketPath, username: LocalCluster.superuser,
                                                 password: nil, database: LocalCluster.databaseName)
        try await Database.with(admin) { db in
            try await db.client.query("CREATE ROLE county_owner LOGIN CREATEROLE")
            try await db.client.query("CREATE DATABASE county OWNER county_owner")
        }
        let url = "postgres://county_owner@/county?host=\(server.socketDir)"
        let keyFile = root + "/pii.key"
        try FileManager.default.copyItem(atPath: old + "/pii.key", toPath: keyFile)
        chmod(keyFile, 0o600)
        let withURL = ["ANJIE_DATABASE_URL": url, "ANJIE_PII_KEY_FILE": keyFile]
        let externalRestore = try Self.anjie(["restore", archive, "--yes"], withURL)
        #expect(externalRestore.status == 0, "external restore: \(externalRestore.stderr.suffix(800))")
        #expect(externalRestore.stdout.contains("present"), "\(externalRestore.output.suffix(600))")
        var owner = admin
        owner.database = "county"
        #expect(try await Self.count("events", owner) == events)
        let externalAudit = try Self.anjie(["audit", "verify"], withURL)
        #expect(externalAudit.status == 0 && externalAudit.stdout == oldAudit.stdout, "\(externalAudit.output.suffix(400))")
        #expect(try Self.anjie(["report", "--year", "2025", "--format", "json"], withURL).stdout == report.stdout)
        // The application role is in use there too: it may not change the record.
        let role = try await Database.with(owner) { db -> Bool in
            let rows = try await db.client.query("SELECT pg_has_role('county_owner', 'anjie_app', 'MEMBER')")
            for try await member in rows.decode(Bool.self) { return member }
            return false
        }
        #expect(role, "the owner is not a member of anjie_app after the restore")

        // Without the key file, on the external database: refused the same way, nothing written.
        let noKey = ["ANJIE_DATABASE_URL": url]
        let externalStatus = try Self.anjie(["pii", "status"], noKey)
        #expect(externalStatus.status != 0 && Self.namesTheKey(externalStatus.stderr), "\(externalStatus.output)")
        let externalRefused = try Self.anjie(Self.register, noKey)
        #expect(externalRefused.status == 5 && Self.namesTheKey(externalRefused.stderr), "\(externalRefused.output)")
        #expect(try await Self.count("events", owner) == events)
    }

    @Test func aBrandNewDatabaseStillMakesItsKeyOnFirstUse() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-dr-new-\(UUID().uuidString.prefix(8))").path
        defer {
            try? LocalCluster(dataDir: dir).stop(immediate: true)
            try? FileManager.default.removeItem(atPath: dir)
        }
        // A brand-new database names its county (issue 16: no hard-coded default).
        let written = try Self.anjie(Self.register + ["--county", "450222", "--data-dir", dir])
        #expect(written.status == 0, "\(written.stderr)")
        let mode = (try FileManager.default.attributesOfItem(atPath: dir + "/pii.key")[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let status = try Self.anjie(["pii", "status", "--data-dir", dir])
        #expect(status.status == 0 && status.stdout.contains("是 yes"), "\(status.output)")
    }
}
