import Foundation
import PostgresNIO

/// Applies the numbered, forward-only migrations of `Schema/` (carried in the binary), each in its
/// own transaction, recorded in `schema_migrations`. An advisory lock serialises concurrent runs.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
        public var checksum: String { LocalCluster.hash(sql) }
    }

    public struct Status: Sendable {
        public let migration: Migration
        public let appliedAt: Date?
        /// The applied file differs from the one in this binary: someone edited a landed migration.
        public let edited: Bool
    }

    static let lockKey: Int64 = 0x616E_6A69_65  // "anjie"

    public let migrations: [Migration]

    public init() {
        migrations = SchemaFiles.all.map { file in
            Migration(version: Int(file.name.prefix { $0.isNumber }) ?? 0, name: file.name, sql: file.sql)
        }.sorted { $0.version < $1.version }
    }

    /// Applies what is missing; returns the names applied now.
    @discardableResult
    public func migrate(_ db: Database) async throws -> [String] {
        try await bootstrap(db)
        var applied: [String] = []
        for migration in migrations {
            let didApply = try await db.transaction { connection -> Bool in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: db.logger)
                let rows = try await connection.query(
                    "SELECT 1 FROM schema_migrations WHERE version = \(migration.version)", logger: db.logger)
                for try await _ in rows { return false }
                for statement in SQLScript.statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: db.logger)
                }
                try await connection.query("""
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: db.logger)
                return true
            }
            if didApply { applied.append(migration.name) }
        }
        return applied
    }

    public func status(_ db: Database) async throws -> [Status] {
        try await bootstrap(db)
        var found: [Int: (Date, String)] = [:]
        let rows = try await db.client.query("SELECT version, applied_at, checksum FROM schema_migrations", logger: db.logger)
        for try await (version, at, checksum) in rows.decode((Int, Date, String).self) {
            found[version] = (at, checksum)
        }
        return migrations.map { migration in
            let record = found[migration.version]
            return Status(migration: migration, appliedAt: record?.0,
                          edited: record.map { $0.1 != migration.checksum } ?? false)
        }
    }

    private func bootstrap(_ db: Database) async throws {
        try await db.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: db.logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: db.logger)
        }
    }
}
