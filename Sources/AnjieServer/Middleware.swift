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

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        var failure: APIError?
        do {
            response = try await next(request, context)
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
