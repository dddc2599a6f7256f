import Logging
import PostgresNIO

/// A running connection pool. Use `Database.with(…)` so the pool always stops afterwards.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    /// Seals and opens ID numbers and phones (`PersonalDataVault`). Without a key, writing or
    /// reading personal data fails with a message; it is never stored in the clear.
    public let personalData: PersonalDataKeys
    /// The county registers this pool has read (issue 16), reloaded when one changes.
    public let countyRegisters = CountyRegisterCache()

    public init(client: PostgresClient, logger: Logger, personalData: PersonalDataKeys = .unavailable) {
        self.client = client
        self.logger = logger
        self.personalData = personalData
    }

    /// Runs `body` with a connected pool; the pool's background task ends when `body` returns.
    @discardableResult
    public static func with<T: Sendable>(
        _ configuration: PostgresClient.Configuration,
        logger: Logger = Database.quietLogger,
        personalData: PersonalDataKeys = .unavailable,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        configuration.options.connectTimeout = .seconds(10)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(Database(client: client, logger: logger, personalData: personalData))
        }
    }

    /// Errors only: the pool's debug chatter is not for clerks' terminals.
    public static let quietLogger: Logger = {
        var logger = Logger(label: "anjie.store")
        logger.logLevel = .error
        return logger
    }()

    /// One transaction; the closure's own errors come out unwrapped (postgres-nio wraps them).
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.unwrappingTransactionErrors {
            try await client.withTransaction(logger: logger) { connection in
                try await body(connection)
            }
        }
    }

    /// postgres-nio wraps every error of a transaction; callers want their own (a conflict, a rule).
    static func unwrappingTransactionErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            if let inner = error.beginError { throw inner }
            if let inner = error.commitError { throw inner }
            throw error
        }
    }
}

extension PSQLError {
    /// The server's SQLSTATE, e.g. 23505 for a unique violation.
    public var sqlState: String? { serverInfo?[.sqlState] }
    public var serverMessage: String? { serverInfo?[.message] }
}

/// A pool that the caller runs (e.g. as a service of the HTTP server) instead of `Database.with`.
public enum PostgresClientFactory {
    public static func make(_ configuration: PostgresClient.Configuration) -> PostgresClient {
        PostgresClient(configuration: configuration, backgroundLogger: Database.quietLogger)
    }
}
