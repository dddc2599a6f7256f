import AnjieDomain
import AnjieServer
import AnjieStore
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

/// `anjie serve`: the HTTP API over the same services as the CLI.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动 HTTP API / Serve the HTTP API (see docs/api.md; tokens: anjie token create)")
    @OptionGroup var global: GlobalOptions
    @Option(help: "监听地址 Address to listen on") var host: String = "127.0.0.1"
    @Option(help: "端口 Port") var port: Int = 8080
    @Option(name: .customLong("max-body"), help: "请求体上限（字节）Largest accepted body, in bytes") var maxBody: Int = 10 * 1024 * 1024
    @Option(name: .customLong("pool-size"), help: "数据库连接数 Database connections") var poolSize: Int = 16

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1…65535") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024") }
        guard (1...200).contains(poolSize) else { throw ValidationError("--pool-size must be 1…200") }
    }

    func run() async throws {
        ServerLimits.maxBodyBytes.store(maxBody, ordering: .relaxed)
        // One line per request on standard error, at info; set ANJIE_LOG_LEVEL=debug for more.
        var logger = Logger(label: "anjie.http")
        logger.logLevel = ProcessInfo.processInfo.environment["ANJIE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let (host, port, poolSize, dataDir) = (host, port, poolSize, global.dataDir)
        try await Runtime.reportingErrors {
            let target = DatabaseTarget.fromEnvironment(dataDir: dataDir)
            var configuration = try target.configuration()
            configuration.options.maximumConnections = poolSize
            // Fail fast when the database is down (the probe then answers 503 for new requests).
            configuration.options.connectTimeout = .seconds(2)
            // Migrate first, as the owner with a pool of its own, so the server starts on a current
            // schema; requests then run as the application role, which cannot change events.
            let (roleUsable, keys) = try await Database.with(configuration, logger: Database.quietLogger) { owner in
                (try await Runtime.ensureMigrated(owner), try await PersonalDataKeys.load(for: target, database: owner))
            }
            let client = PostgresClientFactory.make(roleUsable ? DatabaseTarget.asApplication(configuration) : configuration)
            let db = Database(client: client, logger: Database.quietLogger, personalData: keys)
            let app = buildApplication(configuration: .init(host: host, port: port), db: db, logger: logger, metrics: registry,
                                       probe: DatabaseProbe(configuration))
            logger.info("anjie serve listening", metadata: ["host": "\(host)", "port": "\(port)"])
            try await app.runService()
        }
    }
}
