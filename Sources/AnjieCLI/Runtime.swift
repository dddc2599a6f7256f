import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation
import Logging
import PostgresNIO

/// Opens the database a command needs (applying pending migrations) and turns failures into
/// bilingual messages and exit codes: 1 rule or input, 3 conflict (retry), 4 not found, 5 environment.
enum Runtime {
    static let logger: Logger = {
        var logger = Logger(label: "anjie")
        logger.logLevel = ProcessInfo.processInfo.environment["ANJIE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }()

    /// Opens the database as the owner, migrates it if needed, then runs `body` on a pool whose
    /// sessions run as the application role (migration 008), which cannot change or delete events.
    /// `asOwner`: stay the owner (key rotation rewrites sealed values).
    static func withDatabase<T: Sendable>(dataDir: String?, asOwner: Bool = false,
                                          _ body: @Sendable (Database) async throws -> T) async throws -> T {
        try await reportingErrors {
            // A test's in-process run (AnjieCommand.run) brings its own, already migrated.
            if let given = InProcessRun.database { return try await body(given) }
            let target = DatabaseTarget.fromEnvironment(dataDir: dataDir)
            let configuration = try target.configuration()
            return try await Database.with(configuration, logger: logger) { connected in
                let roleUsable = try await ensureMigrated(connected)
                // After the migrations: whether the database already holds sealed values decides
                // whether a missing key file may be generated (issue 16).
                let keys = try await PersonalDataKeys.load(for: target, database: connected)
                let owner = Database(client: connected.client, logger: connected.logger, personalData: keys)
                guard roleUsable, !asOwner else { return try await body(owner) }
                return try await Database.with(DatabaseTarget.asApplication(configuration), logger: logger, personalData: keys) {
                    try await body($0)
                }
            }
        }
    }

    /// One cheap query when the schema is current; the full migrator only when it is not.
    /// Returns whether this login may run as the application role.
    @discardableResult
    static func ensureMigrated(_ db: Database) async throws -> Bool {
        let migrator = Migrator()
        let latest = migrator.migrations.last?.version ?? 0
        do {
            if let usable = try await applicationRoleIfCurrent(db, latest: latest) { return usable }
        } catch let error as PSQLError where error.failure == .undefinedTable {
            // No schema_migrations yet: a new database.
        }
        try await migrator.migrate(db)
        return try await applicationRoleIfCurrent(db, latest: latest) ?? false
    }

    /// nil while migrations are pending; else whether the session user may become `anjie_app`.
    private static func applicationRoleIfCurrent(_ db: Database, latest: Int) async throws -> Bool? {
        let rows = try await db.client.query("""
            SELECT (SELECT coalesce(max(version), 0) FROM schema_migrations),
                   EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(DatabaseTarget.applicationRole))
                   AND pg_has_role(session_user, (SELECT oid FROM pg_roles WHERE rolname = \(DatabaseTarget.applicationRole)), 'MEMBER')
            """, logger: db.logger)
        for try await (current, usable) in rows.decode((Int, Bool?).self) where current >= latest { return usable ?? false }
        return nil
    }

    static func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DomainError {
            if error.fields.isEmpty {
                Terminal.error(Terminal.red("错误 Error: ") + error.zh + "\n" + error.en)
            } else {
                Terminal.error(Terminal.red("数据有误 Invalid data:"))
                for problem in error.fields {
                    Terminal.error("  \(problem.field): \(problem.zh)\n  \(String(repeating: " ", count: problem.field.count)) \(problem.en)")
                }
            }
            throw ExitCode(1)
        } catch let error as StoreError {
            Terminal.error(Terminal.red("错误 Error: ") + error.zh + "\n" + error.en)
            switch error {
            case .conflict: throw ExitCode(3)
            case .notFound: throw ExitCode(4)
            case .environment, .database: throw ExitCode(5)
            }
        } catch let error as PSQLError {
            let message = error.serverMessage ?? "\(error.code)"
            Terminal.error(Terminal.red("数据库错误 Database error: ") + message)
            throw ExitCode(5)
        } catch let error as ExitCode {
            throw error
        } catch let error as PostgresError {
            Terminal.error(Terminal.red("数据库错误 Database error: ") + error.description)
            throw ExitCode(5)
        }
    }

    /// `--today DATE` for the deadline views, else today in Beijing.
    static func today(_ text: String?) throws -> LocalDate {
        guard let text else { return LocalDate(Date()) }
        guard let parsed = LocalDate.parse(text) else {
            throw DomainError.invalidInput("--today 日期无效", "--today is not a date")
        }
        return parsed
    }
}
