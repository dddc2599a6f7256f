import AnjieDomain
import AnjieStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus

public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// The router: separate from the application so tests can drive it with `app.test(.router)`.
public func buildRouter(db: Database, logger: Logger, metrics: PrometheusCollectorRegistry?) -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    router.add(middleware: ProblemAndLogMiddleware(logger: logger))
    router.get("healthz") { _, _ -> Response in
        do {
            try await db.client.query("SELECT 1", logger: db.logger)
            return JSONBody.response(.object(["status": .string("ok")]))
        } catch {
            throw APIError.unavailable
        }
    }
    router.get("metrics") { _, _ -> Response in
        var bytes: [UInt8] = []
        metrics?.emit(into: &bytes)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
    router.get("openapi.json") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }
    let v1 = router.group("v1").add(middleware: AuthMiddleware(tokens: TokenStore(db)))
    CasesController(db: db).register(on: v1)
    ReadController(db: db).register(on: v1)
    InterchangeController(db: db).register(on: v1)
    return router
}

/// The application: HTTP server plus the PostgreSQL pool as a service, so SIGTERM/SIGINT drain
/// requests and close the pool in order (swift-service-lifecycle).
public func buildApplication(configuration: ServerConfiguration, db: Database, logger: Logger,
                             metrics: PrometheusCollectorRegistry?) -> some ApplicationProtocol {
    Application(
        router: buildRouter(db: db, logger: logger, metrics: metrics),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "anjie"),
        services: [db.client],
        logger: logger
    )
}
