@testable import AnjieStore
import Foundation
import PostgresNIO
import Testing

/// Issue 16, item 5: a database made by today's anjie migrates forward with nothing rewritten.
/// "Nothing rewritten" is checked at the storage level: every row of every table keeps its physical
/// place and the transaction that wrote it (`ctid`, `xmin`), which any UPDATE — even one writing
/// the same values — would change; the event hashes and `audit verify` are checked as well.
@Suite struct UpgradeTests {
    /// Per table of schema `public`: its row count and a digest of every row's ctid, xmin and content.
    static func storage(_ db: Database) async throws -> [String: String] {
        var tables: [String] = []
        for try await name in try await db.client.query("""
            SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1
            """).decode(String.self) {
            tables.append(name)
        }
        var digests: [String: String] = [:]
        for table in tables {
            let rows = try await db.client.query(PostgresQuery(unsafeSQL: """
                SELECT count(*)::bigint || ' rows ' || coalesce(md5(string_agg(t.ctid::text || ':' || t.xmin::text || ':' || t::text, ','
                                                                           ORDER BY t.ctid)), '-')
                FROM public."\(table)" t
                """))
            for try await digest in rows.decode(String.self) { digests[table] = digest }
        }
        return digests
    }

    static func hashes(_ db: Database) async throws -> [String] {
        var all: [String] = []
        for try await hash in try await db.client.query(
            "SELECT case_no || '#' || seq || ' ' || encode(hash, 'hex') FROM events ORDER BY county, workflow, case_no, seq"
        ).decode(String.self) {
            all.append(hash)
        }
        return all
    }

    @Test func migratingADatabaseOfTodaysSchemaRewritesNothing() async throws {
        try await TestDatabase.withFreshDatabase("upgrade") { db, configuration in
            // Today's anjie at work: an import of every workflow, and personal data sealed by the CLI path.
            try await BackupTests.importSynthetic(db, cases: 400, logs: 40, seed: 16)
            _ = try await PersonalDataTests.registered(db)
            let before = try await Self.storage(db)
            let hashesBefore = try await Self.hashes(db)
            #expect(before.count >= 10 && hashesBefore.count > 400)
            #expect(try await AuditService(db).verify(county: nil).findings.isEmpty)

            // The upgrade steps of docs/operations.md, with the binary: `anjie db migrate`, then
            // every command's own check, then the migrator once more in process.
            let migrate = try AnjieProcess.run(["db", "migrate"], database: configuration)
            #expect(migrate.status == 0 && migrate.stdout.contains("up to date"), "\(migrate.stdout) \(migrate.stderr)")
            let status = try AnjieProcess.run(["db", "status"], database: configuration)
            #expect(status.status == 0 && !status.stdout.contains("pending") && !status.stdout.contains("edited"), "\(status.stdout)")
            let verify = try AnjieProcess.run(["audit", "verify"], database: configuration)
            #expect(verify.status == 0 && verify.stdout.contains("all intact"), "\(verify.stdout) \(verify.stderr)")
            #expect(try await Migrator().migrate(db).isEmpty)

            let after = try await Self.storage(db)
            for (table, digest) in before {
                #expect(after[table] == digest, "\(table) was rewritten by the migration: \(digest) → \(after[table] ?? "gone")")
            }
            #expect(Set(after.keys) == Set(before.keys))
            #expect(try await Self.hashes(db) == hashesBefore)
            #expect(try await AuditService(db).verify(county: nil).findings.isEmpty)
        }
    }
}
