import AnjieDomain
import AnjieStore
import Foundation
import Hummingbird
import Logging
import Metrics

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
            // `next` runs in a child task of a group this call waits for, so it never outlives the
            // call; it is called once and never shared.
            response = try await withoutActuallyEscaping(next) { escapable in
                let handler = UncheckedSendable(value: escapable)
                return try await withDatabaseWatch { try await handler.value(request, context) }
            }
        } catch {
            let problem = APIError.from(error)
            failure = problem
            response = try problem.response(from: request, context: context)
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

struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

extension ProblemAndLogMiddleware {
    /// While the database is down, answer 503 at once; a request already waiting on it is cut
    /// short two seconds after the outage is seen, instead of waiting for the pool's breaker.
    func withDatabaseWatch(_ body: @escaping @Sendable () async throws -> Response) async throws -> Response {
        guard let probe else { return try await body() }
        if probe.isDown { throw APIError.unavailable }
        return try await withThrowingTaskGroup(of: Response?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(200))
                    if probe.isDown, probe.secondsDown >= 2 { throw APIError.unavailable }
                }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let response = result { return response }
            }
            throw APIError.unavailable
        }
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
