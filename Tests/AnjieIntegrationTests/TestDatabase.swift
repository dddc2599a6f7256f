#if canImport(Glibc)
import Glibc
#endif
import AnjieStore
import Foundation
import Logging
import PostgresNIO

/// A real PostgreSQL for tests: `ANJIE_TEST_DATABASE_URL` when set, otherwise a throwaway cluster
/// (the embedded-cluster code, `fsync=off`) in a temporary directory, stopped when the process exits.
/// Each suite gets a fresh database with the migrations applied.
enum TestDatabase {
    private static let server = ServerHolder()

    /// The personal-data key of every test database, also exported as `ANJIE_PII_KEY` so that
    /// `anjie` processes the tests start can open what the tests sealed.
    static let personalDataKeys: PersonalDataKeys = {
        let key = "q0zLKpm7Y0Rj5gD3y3c9dKQ2Vv6rI1o8bWm4u2xZsAE="
        setenv("ANJIE_PII_KEY", key, 1)
        return PersonalDataKeys(keys: try! PersonalDataKeys.parse(key))
    }()

    /// A new, migrated database; `body` runs with a connected pool of the owner (tests create
    /// databases and edit rows behind the application's back) holding the test key, and gets its
    /// configuration. `asApplication(_:)` gives the application role's pool, as `anjie` runs it.
    /// The database is migrated and, as a deployment's start-up does (`anjie county init`), serves
    /// 柳城县 (450222) unless `county` is false: commands that name no county work on it (issue 16).
    static func withFreshDatabase<T: Sendable>(_ label: String, county: Bool = true,
                                               _ body: @Sendable (Database, PostgresClient.Configuration) async throws -> T) async throws -> T {
        let keys = personalDataKeys
        let admin = try await server.adminConfiguration()
        let name = "t_\(label.lowercased().filter { $0.isLetter || $0.isNumber })_\(UInt32.random(in: 0...UInt32.max))"
        try await Database.with(admin) { db in
            try await db.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        var fresh = admin
        fresh.database = name
        let configuration = fresh
        return try await Database.with(configuration, personalData: keys) { db in
            try await Migrator().migrate(db)
            if county { try await CountyStore(db).initialize(code: "450222", name: "柳城县", makeDefault: false) }
            return try await body(db, configuration)
        }
    }

    /// A pool on the same database whose sessions run as the application role (migration 008).
    static func asApplication<T: Sendable>(_ configuration: PostgresClient.Configuration,
                                           _ body: @Sendable (Database) async throws -> T) async throws -> T {
        try await Database.with(DatabaseTarget.asApplication(configuration), personalData: personalDataKeys, body)
    }

    /// `ANJIE_DATABASE_URL` for a child `anjie` process pointed at the given database.
    static func url(for configuration: PostgresClient.Configuration) -> String {
        if let socket = configuration.unixSocketPath {
            let dir = (socket as NSString).deletingLastPathComponent
            return "postgres://\(configuration.username)@/\(configuration.database ?? "")?host=\(dir)"
        }
        let password = configuration.password.map { ":\($0)" } ?? ""
        return "postgres://\(configuration.username)\(password)@\(configuration.host ?? "127.0.0.1"):\(configuration.port ?? 5432)/\(configuration.database ?? "")"
    }
}

/// Starts the server once per test process.
private actor ServerHolder {
    private var configuration: PostgresClient.Configuration?
    nonisolated(unsafe) static var clusterDataDir: String?

    func adminConfiguration() throws -> PostgresClient.Configuration {
        if let configuration { return configuration }
        let made: PostgresClient.Configuration
        if let url = ProcessInfo.processInfo.environment["ANJIE_TEST_DATABASE_URL"], !url.isEmpty {
            made = try DatabaseTarget.parse(url)
        } else {
            let dir = "/tmp/anjie-test-\(getpid())-\(UInt16.random(in: 0...UInt16.max))"
            let cluster = try LocalCluster(dataDir: dir, serverOptions: ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=400"])
            try cluster.start()
            Self.clusterDataDir = dir
            atexit {
                if let dir = ServerHolder.clusterDataDir {
                    try? LocalCluster(dataDir: dir).stop(immediate: true)
                    try? FileManager.default.removeItem(atPath: dir)
                }
            }
            made = PostgresClient.Configuration(unixSocketPath: cluster.socketPath, username: LocalCluster.superuser,
                                                password: nil, database: LocalCluster.databaseName)
        }
        configuration = made
        return made
    }
}
