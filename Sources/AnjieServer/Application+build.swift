import AnjieDomain
import AnjieStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// The router: separate from the application so tests can drive it with `app.test(.router)`.
public func buildRouter(db: Database, logger: Logger, metrics: PrometheusCollectorRegistry?,
                        probe: DatabaseProbe? = nil) -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    router.add(middleware: ProblemAndLogMiddleware(logger: logger, probe: probe))
    router.add(middleware: PageSecurityHeadersMiddleware())
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
    // The supervisor dashboard (HTML, cookie sign-in) beside the API, on the same services.
    DashboardController(db: db).register(on: router)
    let v1 = router.group("v1").add(middleware: AuthMiddleware(tokens: TokenStore(db)))
    CasesController(db: db).register(on: v1)
    ReadController(db: db).register(on: v1)
    InterchangeController(db: db).register(on: v1)
    return router
}

/// The application: HTTP server plus the PostgreSQL pool as a service, so SIGTERM/SIGINT drain
/// requests and close the pool in order (swift-service-lifecycle).
public func buildApplication(configuration: ServerConfiguration, db: Database, logger: Logger,
                             metrics: PrometheusCollectorRegistry?, probe: DatabaseProbe? = nil) -> some ApplicationProtocol {
    Application(
        // DatabaseWatch: no request waits on a dead database longer than about 2 s (Middleware.swift).
        router: DatabaseWatch(router: buildRouter(db: db, logger: logger, metrics: metrics, probe: probe), probe: probe, logger: logger),
        // A request line the parser refuses is answered with problem+json, not an empty 400.
        server: .http1(additionalChannelHandlers: [MalformedRequestAnswer()]),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "anjie"),
        services: [db.client] + (probe.map { [ProbeService(probe: $0)] } ?? []),
        logger: logger
    )
}

/// Runs the probe for as long as the server runs.
struct ProbeService: Service {
    let probe: DatabaseProbe

    /// Stops probing as soon as shutdown begins; otherwise the service group would wait for it forever.
    func run() async throws {
        try await cancelWhenGracefulShutdown {
            await probe.run()
        }
    }
}
