import AnjieDomain
import Hummingbird
import NIOCore
import Synchronization

/// The request context: Hummingbird's core storage plus the authenticated caller.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// The peer's address: sign-in attempts are limited per address as well as per user.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies over this are refused with 413 before they are read in full.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes.load(ordering: .relaxed) }

    /// The caller; routes behind `AuthMiddleware` always have one.
    func caller() throws -> Identity {
        guard let identity else { throw APIError.unauthenticated }
        return identity
    }
}

/// Set once at start-up from `anjie serve --max-body`.
public enum ServerLimits {
    public static let maxBodyBytes = Atomic<Int>(10 * 1024 * 1024)
}
