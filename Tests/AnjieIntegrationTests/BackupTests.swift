#if canImport(Glibc)
import Glibc
#endif
import AnjieDomain
@testable import AnjieStore
import Foundation
import PostgresNIO
import Testing

@Suite struct BackupTests {
    /// Every indicator of the 2025 report with its counts and value, as comparable text.
    static func report(_ db: Database) async throws -> [String] {
        try await ReportService(db).report(county: "450222", year: 2025).results.map { result in
            "\(result.indicator.id)|\(result.counts.map { "\($0.numerator)/\($0.denominator.map { "\($0)" } ?? "-")" } ?? "-")|"
                + (result.value.map { "\($0)" } ?? "-")
        }
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("anjie-backup-\(UUID().uuidString)-\(name)").path
    }

    static func importSynthetic(_ db: Database, cases: Int, logs: Int, seed: UInt64) async throws {
        let (path, _) = try ImportExportTests.syntheticFile(cases: cases, logs: logs, seed: seed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let imported = try await Importer(db).run(path: path, dryRun: false)
        #expect(imported.errors.isEmpty && imported.committed, "\(imported.errors.prefix(3))")
    }

    /// `audit verify`'s findings as comparable text: "CASE#seq" ("#-" for the case row), sorted.
    static func audit(_ db: Database) async throws -> [String] {
        try await AuditService(db).verify(county: nil).findings.map { "\($0.caseNumber)#\($0.seq.map(String.init) ?? "-")" }.sorted()
    }

    /// Changes the data of the second event of one case as the owner, with the append-only guard
    /// switched off for the statement (as AuditTests does); returns the case number.
    static func editOneEventAsOwner(_ owner: PostgresClient.Configuration) async throws -> String {
        try await Database.with(owner) { owner in
            try await owner.transaction { connection in
                var number = ""
                for try await value in try await connection.query(
                    "SELECT case_no FROM events WHERE seq = 2 ORDER BY county, workflow, case_no LIMIT 1", logger: owner.logger
                ).decode(String.self) { number = value }
                try await connection.query("ALTER TABLE events DISABLE TRIGGER events_append_only", logger: owner.logger)
                try await connection.query("""
                    UPDATE events SET data = data || '{"note":"edited after the fact"}'::jsonb WHERE case_no = \(number) AND seq = 2
                    """, logger: owner.logger)
                try await connection.query("ALTER TABLE events ENABLE TRIGGER events_append_only", logger: owner.logger)
                return number
            }
        }
    }

    @Test func restoreGivesTheSameDataAndTheSameReport() async throws {
        let archive = Self.temporaryPath("full.dump")
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let (fingerprint, report, rows, audit) = try await TestDatabase.withFreshDatabase("backup_a") { db, configuration in
            try await Self.importSynthetic(db, cases: 1400, logs: 100, seed: 21)
            // An event edited behind the application's back (as the owner, guard off) before the
            // backup: the restored database must still show it to `audit verify`, at the same place.
            let edited = try await Self.editOneEventAsOwner(configuration)
            let audit = try await Self.audit(db)
            #expect(audit.contains("\(edited)#2"), "audit verify did not name the edited event: \(audit.prefix(5))")
            let summary = try Backup.dump(configuration, to: archive)
            #expect(summary.bytes > 1000 && summary.tables >= 3)
            return (try await ImportExportTests.fingerprint(db), try await Self.report(db),
                    try await ImportExportTests.count(db, "events"), audit)
        }
        #expect(rows > 1400)
        #expect(report.contains { !$0.hasSuffix("|-") && !$0.hasSuffix("|0.0") }, "the report should not be empty")

        // The archive: complete under its own name, no leftover .partial, private to its owner.
        #expect(!FileManager.default.fileExists(atPath: archive + ".partial"))
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: archive)).read(upToCount: 5)
        #expect(head == Data("PGDMP".utf8))
        let mode = (try FileManager.default.attributesOfItem(atPath: archive)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)

        try await TestDatabase.withFreshDatabase("backup_b") { db, configuration in
            // Other data first: the restore must replace it, not merge with it.
            try await Self.importSynthetic(db, cases: 70, logs: 7, seed: 99)
            #expect(try await ImportExportTests.fingerprint(db) != fingerprint)

            let summary = try await Backup.restore(configuration, from: archive)
            #expect(summary.migrationsApplied.isEmpty)
            #expect(!summary.newerSchema)
            #expect(summary.tables.first { $0.name == "events" }?.rows == rows)
            #expect(try await ImportExportTests.fingerprint(db) == fingerprint)
            #expect(try await Self.report(db) == report)
            #expect(try await Self.audit(db) == audit, "audit verify differs after the restore")

            // Restoring again over the same data changes nothing; the append-only triggers came back.
            _ = try await Backup.restore(configuration, from: archive)
            #expect(try await ImportExportTests.fingerprint(db) == fingerprint)
            await #expect(throws: PSQLError.self) { try await db.client.query("DELETE FROM events") }
            #expect(try await Migrator().status(db).allSatisfy { $0.appliedAt != nil && !$0.edited })
        }
    }

    @Test func whatIsNotAnAnjieArchiveIsRefusedAndNothingChanges() async throws {
        let text = Self.temporaryPath("plain.sql")
        try "SELECT 1;\n".write(toFile: text, atomically: true, encoding: .utf8)
        let archive = Self.temporaryPath("good.dump")
        let truncated = Self.temporaryPath("truncated.dump")
        let foreign = Self.temporaryPath("foreign.dump")
        defer { for path in [text, archive, truncated, foreign] { try? FileManager.default.removeItem(atPath: path) } }

        try await TestDatabase.withFreshDatabase("backup_refuse") { db, configuration in
            try await Self.importSynthetic(db, cases: 200, logs: 10, seed: 5)
            let before = try await ImportExportTests.fingerprint(db)
            _ = try Backup.dump(configuration, to: archive)

            func refusal(_ path: String) async -> String {
                do {
                    _ = try await Backup.restore(configuration, from: path)
                    return "accepted"
                } catch let error as StoreError {
                    return error.en
                } catch {
                    return "\(error)"
                }
            }
            #expect(await refusal(text).contains("PGDMP"))
            #expect(await refusal(Self.temporaryPath("missing.dump")).contains("no such backup file"))

            // A damaged archive fails half-way through: the transaction is rolled back.
            let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
            try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: truncated))
            #expect(await refusal(truncated).contains("unchanged"))
            #expect(try await ImportExportTests.fingerprint(db) == before)

            // A real pg_dump archive of some other database is not an anjie backup.
            let otherName = configuration.database! + "_other"
            try await db.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(otherName)"))
            var other = configuration
            other.database = otherName
            try await Database.with(other) { try await $0.client.query("CREATE TABLE notes (body text)") }
            _ = try Backup.dump(other, to: foreign)
            #expect(await refusal(foreign).contains("not a backup of an anjie database"))
            #expect(try await ImportExportTests.fingerprint(db) == before)
        }
    }

    @Test func anOlderBackupIsUpgradedByTheMigrator() async throws {
        let archive = Self.temporaryPath("old.dump")
        defer { try? FileManager.default.removeItem(atPath: archive) }
        // A database of an anjie that had only migrations 1–4 (before API tokens), with a few records.
        let old = Migrator().migrations.filter { $0.version <= 4 }
        let later = Migrator().migrations.filter { $0.version > 4 }.map(\.name)
        let fingerprint = try await TestDatabase.withFreshDatabase("backup_old") { db, configuration in
            var older = configuration
            older.database = configuration.database! + "_v4"
            try await db.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(older.database!)"))
            let olderConfiguration = older
            return try await Database.with(olderConfiguration) { db in
                _ = try await Migrator().status(db)  // creates schema_migrations
                for migration in old {
                    for statement in SQLScript.statements(migration.sql) {
                        try await db.client.query(PostgresQuery(unsafeSQL: statement))
                    }
                    try await db.client.query("""
                        INSERT INTO schema_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                        """)
                }
                try await db.client.query("""
                    INSERT INTO cases (county, workflow, case_no, state, version, township, opened_at, last_event_at)
                    VALUES ('450222', 'dispute', 'JF-2024-00001', 'registered', 1, '大埔镇',
                            '2024-05-06 09:30+08', '2024-05-06 09:30+08')
                    """)
                try await db.client.query("""
                    INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data)
                    VALUES ('450222', 'dispute', 'JF-2024-00001', 1, 'register', '2024-05-06 09:30+08', 'clerk',
                            '{"township": "大埔镇"}')
                    """)
                try await db.client.query("""
                    INSERT INTO log_records (county, id, log, at, actor, data)
                    VALUES ('450222', 'V-2024-R1', 'visit', '2024-05-07 10:00+08', 'clerk', '{}')
                    """)
                _ = try Backup.dump(olderConfiguration, to: archive)
                return try await ImportExportTests.fingerprint(db)
            }
        }
        #expect(fingerprint.count == 3)
        try await TestDatabase.withFreshDatabase("backup_new") { db, configuration in
            // The current schema has the newer tables: a plain `pg_restore --clean` would leave them
            // behind and the migrator would then fail to create them again.
            let summary = try await Backup.restore(configuration, from: archive)
            #expect(summary.migrationsApplied == later)
            #expect(try await ImportExportTests.fingerprint(db) == fingerprint)
            #expect(try await ImportExportTests.count(db, "api_tokens") == 0)
            #expect(try await Migrator().status(db).allSatisfy { $0.appliedAt != nil && !$0.edited })
        }
    }

    @Test func aFailedBackupLeavesNoFileBehind() async throws {
        let path = Self.temporaryPath("failed.dump")
        try "an older backup".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("backup_fail") { _, configuration in
            var missing = configuration
            missing.database = "no_such_database_\(UInt32.random(in: 0...UInt32.max))"
            #expect(throws: StoreError.self) { try Backup.dump(missing, to: path) }
            #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
            let kept = try String(contentsOfFile: path, encoding: .utf8)
            #expect(kept == "an older backup")
            #expect(throws: StoreError.self) { try Backup.dump(configuration, to: "/nonexistent-dir/x.dump") }
        }
    }
}
