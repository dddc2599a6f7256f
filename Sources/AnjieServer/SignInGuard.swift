import AnjieStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Cross-site protection of the sign-in form. GET /login gives the browser a random pre-session
/// cookie (HttpOnly, SameSite=Strict, Path=/login) and puts HMAC(key, that cookie) in the form as
/// a hidden field; POST /login accepts a password only when the field matches the cookie it came
/// with. Another site can neither read the field nor make the browser send the cookie, so it
/// cannot sign a browser in as someone else (login CSRF). The key lives as long as the process: a
/// form left open over a restart is refused once and shown again.
struct SignInGuard: Sendable {
    static let cookieName = "anjie_presession"
    let key = SymmetricKey(size: .bits256)

    func newPresession() -> String { TokenStore.randomHex(bytes: 32) }

    func formToken(for presession: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(presession.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    func accepts(formToken: String?, presession: String?) -> Bool {
        guard let formToken, let presession, presession.count == 64, presession.allSatisfy(\.isHexDigit) else { return false }
        return TokenStore.constantTimeEqual(self.formToken(for: presession), formToken)
    }
}

/// Failed sign-ins, per user name and per address: `limit` failures within `window` and the next
/// attempt is answered 429 with Retry-After, before any password is checked (so guessing costs
/// the guesser time, not the server CPU). In memory: one server process, and a restart forgetting
/// a quarter of an hour of failures is harmless.
final class SignInLimiter: Sendable {
    static let limit = 5
    static let window: TimeInterval = 15 * 60
    /// Keys kept at most; past it the stalest are dropped (an attacker cycling names cannot grow memory).
    static let maxKeys = 10_000

    private let failures = Mutex<[String: [Date]]>([:])

    /// Seconds until the key may try again, or nil when it may now.
    func retryAfter(_ keys: [String], now: Date = Date()) -> Int? {
        failures.withLock { table in
            let waits = keys.compactMap { key -> Int? in
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < Self.window }
                table[key] = recent.isEmpty ? nil : recent
                guard recent.count >= Self.limit, let oldest = recent.first else { return nil }
                return max(1, Int((Self.window - now.timeIntervalSince(oldest)).rounded(.up)))
            }
            return waits.max()
        }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        failures.withLock { table in
            for key in keys {
                table[key, default: []].append(now)
                table[key] = Array(table[key]!.suffix(Self.limit))
            }
            if table.count > Self.maxKeys {
                let stalest = table.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
                for (key, _) in stalest.prefix(table.count - Self.maxKeys) { table[key] = nil }
            }
        }
    }

    func clear(_ key: String) {
        failures.withLock { _ = $0.removeValue(forKey: key) }
    }

    /// The address whose attempts are counted: the peer, or — when the peer is a proxy on this
    /// machine — the last address it appended to X-Forwarded-For (the one it saw).
    static func address(_ request: Request, context: ServerContext) -> String {
        let peer = context.remoteAddress?.ipAddress
        let isLocalProxy = peer.map { $0 == "127.0.0.1" || $0 == "::1" || $0.hasPrefix("::ffff:127.") } ?? true
        if isLocalProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!]?
            .split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty {
            return forwarded
        }
        return peer ?? "unknown"
    }
}
