import Foundation
import NIOSSL
import PostgresNIO

/// Which PostgreSQL to talk to: `ANJIE_DATABASE_URL` when set, otherwise the embedded local cluster.
public enum DatabaseTarget: Sendable {
    case url(String)
    case local(dataDir: String)

    public static func fromEnvironment(dataDir: String?) -> DatabaseTarget {
        if let url = ProcessInfo.processInfo.environment["ANJIE_DATABASE_URL"], !url.isEmpty {
            return .url(url)
        }
        return .local(dataDir: localDataDir(dataDir))
    }

    /// `--data-dir`, else `$ANJIE_DATA_DIR`, else `./.anjie`.
    public static func localDataDir(_ explicit: String?) -> String {
        explicit ?? ProcessInfo.processInfo.environment["ANJIE_DATA_DIR"] ?? ".anjie"
    }

    /// Connection settings, starting the local cluster first when that is the target.
    public func configuration() throws -> PostgresClient.Configuration {
        switch self {
        case .url(let url):
            return try Self.parse(url)
        case .local(let dataDir):
            let cluster = try LocalCluster(dataDir: dataDir)
            try cluster.start()
            return PostgresClient.Configuration(unixSocketPath: cluster.socketPath, username: LocalCluster.superuser,
                                                password: nil, database: LocalCluster.databaseName)
        }
    }

    /// The same connection, each session running as `anjie_app` (migration 008): it may append
    /// events but never change or delete one, whatever SQL the application sends.
    public static func asApplication(_ configuration: PostgresClient.Configuration) -> PostgresClient.Configuration {
        var configuration = configuration
        configuration.options.additionalStartupParameters.append(("options", "-c role=\(applicationRole)"))
        return configuration
    }

    public static let applicationRole = "anjie_app"

    /// `postgres://user:password@host:port/database?sslmode=disable|prefer|require`, or a socket
    /// directory as libpq spells it: `postgres:///database?host=/var/run/postgresql`.
    public static func parse(_ text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw StoreError.environment("ANJIE_DATABASE_URL 格式应为 postgres://用户:密码@主机:端口/数据库",
                                         "ANJIE_DATABASE_URL must look like postgres://user:password@host:port/database")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let username = url.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let database = url.path.isEmpty || url.path == "/" ? username : String(url.path.dropFirst())
        let port = url.port ?? 5432
        if let socketDir = query["host"], socketDir.hasPrefix("/") {
            return PostgresClient.Configuration(unixSocketPath: "\(socketDir)/.s.PGSQL.\(port)", username: username,
                                                password: url.password, database: database)
        }
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        default: tls = .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(host: url.host ?? "127.0.0.1", port: port, username: username,
                                            password: url.password, database: database, tls: tls)
    }
}
