import AnjieDomain
import AnjieStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import Synchronization

/// Turns every error into problem+json and logs one line per request: id, route, status, duration —
/// never bodies, so never a party's name, ID number or phone.
struct ProblemAndLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let logger: Logger
    let probe: DatabaseProbe?

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        var failure: APIError?
        do {
            // While the database is known to be down, answer 503 at once. A request already waiting
            // on it when it went down is cut short by `DatabaseWatch`, around the router.
            if let probe, probe.isDown { throw APIError.unavailable }
            try QueryStringCheck.check(request.uri.query)
            response = try await next(request, context)
        } catch {
            let problem = APIError.from(error)
            failure = problem
            response = try problem.response(from: request, context: context)
            // A dropped connection or a refused one is usually the first sign of an outage: probe
            // now rather than up to a second later, so requests still waiting are cut short sooner.
            if problem.status == .serviceUnavailable { probe?.suspect() }
        }
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        var metadata: Logger.Metadata = [
            "id": "\(context.id)", "method": "\(request.method)", "route": "\(route)",
            "status": "\(response.status.code)",
            "ms": "\(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000))",
        ]
        if let failure { metadata["problem"] = "\(failure.type)" }
        if let identity = context.identity { metadata["token"] = "\(identity.tokenID)" }
        logger.info("request", metadata: metadata)
        Counter(label: "anjie_http_requests_total",
                dimensions: [("route", route), ("method", request.method.rawValue), ("status", String(response.status.code))]).increment()
        Timer(label: "anjie_http_request_duration_seconds", dimensions: [("route", route)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(elapsed.components.seconds) * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        return response
    }
}

/// Resolves `Authorization: Bearer …` to an identity; every /v1 route needs one.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let tokens: TokenStore

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw APIError.unauthenticated }
        guard let identity = try await tokens.verify(String(header.dropFirst(7))) else { throw APIError.unauthenticated }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}

/// Wraps the router so that no request waits on a dead database: one still unanswered
/// `cutShortAfter` after the probe saw PostgreSQL go down is cancelled, and if it has still not
/// answered `cancelGrace` later it is answered 503 here and left to finish on its own.
///
/// Why not a task group inside the middleware (the first version): a group waits for all its
/// children, and a request can be stuck where cancellation does not reach. Measured with
/// `scripts/fault-tests pgstop`: 1–4 requests in flight at the instant PostgreSQL stopped never
/// answered (no log line 40 s later, no socket to PostgreSQL left open). postgres-nio 1.33.2 fails the
/// transaction's statement with "server closed the connection", then `withTransaction` sends
/// ROLLBACK; when NIO has already removed the channel's handlers the write fails silently
/// (`promise: nil`) and the query's own promise is never completed, so the request awaits forever.
/// Such a task cannot be cancelled or joined; it can only be abandoned, which needs a handle that
/// may outlive this call — a middleware's `next` may not, the router's responder may.
public struct DatabaseWatch: HTTPResponderBuilder {
    let router: Router<ServerContext>
    let probe: DatabaseProbe?
    let logger: Logger

    public init(router: Router<ServerContext>, probe: DatabaseProbe?, logger: Logger) {
        self.router = router
        self.probe = probe
        self.logger = logger
    }

    public func buildResponder() -> Responder {
        Responder(inner: router.buildResponder(), probe: probe, logger: logger)
    }

    /// How long after the outage is seen a waiting request is cancelled: long enough for an answer
    /// already on its way, short enough that with the probe's detection (≤ 1 s, usually ~0 thanks
    /// to `suspect()`) every request is answered within about 2 s.
    static var cutShortAfter: Double { 0.5 }
    /// After cancelling, how long the request may take to come back with its own answer (a pool
    /// wait ends at once) before it is abandoned.
    static var cancelGrace: Duration { .milliseconds(300) }

    public struct Responder: HTTPResponder {
        let inner: RouterResponder<ServerContext>
        let probe: DatabaseProbe?
        let logger: Logger

        enum Outcome: Sendable {
            case answered(Result<Response, any Error>)
            case abandoned
        }

        public func respond(to request: Request, context: ServerContext) async throws -> Response {
            guard let probe else { return try await inner.respond(to: request, context: context) }
            let started = ContinuousClock.now
            let gate = BodyGate()
            var guarded = request
            guarded.body = RequestBody(asyncSequence: GatedBody(base: request.body, gate: gate))
            let (outcomes, sink) = AsyncStream.makeStream(of: Outcome.self, bufferingPolicy: .bufferingOldest(1))
            let inner = self.inner
            let work = Task {
                let result: Result<Response, any Error>
                do {
                    result = .success(try await inner.respond(to: guarded, context: context))
                } catch {
                    result = .failure(error)
                }
                sink.yield(.answered(result))
                return result
            }
            let watch = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    guard probe.isDown, probe.secondsDown >= DatabaseWatch.cutShortAfter else { continue }
                    work.cancel()
                    try? await Task.sleep(for: DatabaseWatch.cancelGrace)
                    // A request reading its body is waiting on its client, not on the database; and
                    // the server reads what is left of the body once we answer, so it must not be
                    // abandoned mid-read (two readers). `close()` refuses any later read.
                    if !Task.isCancelled, gate.close() {
                        sink.yield(.abandoned)
                        return
                    }
                }
            }
            defer { watch.cancel() }
            var iterator = outcomes.makeAsyncIterator()
            let first = await withTaskCancellationHandler { await iterator.next() } onCancel: { work.cancel() }
            sink.finish()
            switch first {
            case .answered(let result):
                return try result.get()
            case .abandoned, nil:
                let elapsed = ContinuousClock.now - started
                logger.warning("request", metadata: [
                    "id": "\(context.id)", "method": "\(request.method)", "path": "\(request.uri.path)",
                    "status": "503", "problem": "unavailable", "abandoned": "true",
                    "ms": "\(String(format: "%.2f", Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15))",
                ])
                Counter(label: "anjie_http_requests_abandoned_total").increment()
                let logger = self.logger
                let id = context.id
                // Tells the log whether (and how) an abandoned request ever ended.
                Task {
                    let result = await work.value
                    let total = ContinuousClock.now - started
                    logger.warning("abandoned request ended", metadata: [
                        "id": "\(id)", "seconds": "\(String(format: "%.1f", Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18))",
                        "outcome": "\((try? result.get()).map { "\($0.status.code)" } ?? "error")",
                    ])
                }
                return try APIError.unavailable.response(from: request, context: context)
            }
        }
    }
}

/// Whether the request body is being read, and whether it may still be: see `DatabaseWatch`.
final class BodyGate: Sendable {
    private enum State { case idle, reading, closed }
    private let state = Mutex<State>(.idle)

    /// False once closed: the read must not happen.
    func beginRead() -> Bool {
        state.withLock { state in
            guard state == .idle else { return false }
            state = .reading
            return true
        }
    }

    func endRead() {
        state.withLock { state in
            if state == .reading { state = .idle }
        }
    }

    /// Closes the body to further reads; false (and nothing changes) while a read is under way.
    func close() -> Bool {
        state.withLock { state in
            switch state {
            case .reading: return false
            case .idle, .closed:
                state = .closed
                return true
            }
        }
    }
}

/// The request body, read only while the gate allows it.
struct GatedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let gate: BodyGate

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let gate: BodyGate

        mutating func next() async throws -> ByteBuffer? {
            guard gate.beginRead() else { throw CancellationError() }
            defer { gate.endRead() }
            return try await base.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), gate: gate)
    }
}

/// The headers a security review expects on every HTML page (and today's pages had none): a
/// Content-Security-Policy that allows no script at all and only the pages' own stylesheet (by
/// its hash, so a saved page stays complete), no framing (clickjacking of the sign-in form), no
/// MIME sniffing, no Referer to other sites (case numbers are in the URLs). Not `no-referrer`:
/// with it browsers send `Origin: null` on the sign-in form's POST, which the Origin check refuses. Added here, around every route, so a
/// page added later cannot forget them; the API's JSON is left as it is.
struct PageSecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    static let contentSecurityPolicy = [
        "default-src 'none'", "style-src '\(PageSecurity.styleHash)'", "img-src 'self' data:", "form-action 'self'",
        "frame-ancestors 'none'", "base-uri 'none'",
    ].joined(separator: "; ")

    static let headers: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!, contentSecurityPolicy),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
    ]

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            for (name, value) in Self.headers where response.headers[name] == nil { response.headers[name] = value }
        }
        return response
    }
}
