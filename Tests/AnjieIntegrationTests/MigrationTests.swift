@testable import AnjieStore
import Foundation
import PostgresNIO
import Testing

@Suite struct MigrationTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theBinaryCarriesExactlyTheSchemaFiles() throws {
        let dir = Self.repoRoot.appendingPathComponent("Schema")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".sql") }.sorted()
        let embedded = Migrator().migrations
        #expect(embedded.map(\.name) == files, "run scripts/embed-schema")
        for migration in embedded {
            let onDisk = try String(contentsOf: dir.appendingPathComponent(migration.name), encoding: .utf8)
            #expect(migration.sql + "\n" == onDisk || migration.sql == onDisk, "\(migration.name) is stale: run scripts/embed-schema")
        }
        #expect(embedded.map(\.version) == Array(1...embedded.count))
    }

    @Test func migratingTwiceAppliesNothingTheSecondTime() async throws {
        try await TestDatabase.withFreshDatabase("migrate") { db, _ in
            #expect(try await Migrator().migrate(db).isEmpty)
            let statuses = try await Migrator().status(db)
            #expect(statuses.allSatisfy { $0.appliedAt != nil && !$0.edited })
        }
    }

    @Test func concurrentMigrationsOfANewDatabaseDoNotRace() async throws {
        try await TestDatabase.withFreshDatabase("migraterace") { db, configuration in
            try await db.client.query("CREATE DATABASE \(unescaped: configuration.database! + "_b")")
            var second = configuration
            second.database = configuration.database! + "_b"
            let other = second
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await Database.with(other) { try await Migrator().migrate($0) } }
                }
                var applied: [String] = []
                for try await names in group { applied += names }
                #expect(applied.sorted() == Migrator().migrations.map(\.name).sorted())
            }
        }
    }

    @Test func scriptsSplitOutsideQuotesAndFunctionBodies() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'it''s; fine');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'no; way'; END;
            $$;
            /* block; comment */ SELECT "odd;name" FROM a;
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 3)
        #expect(statements[1].hasSuffix("$$"))
        #expect(statements[2].contains("\"odd;name\""))
    }
}
