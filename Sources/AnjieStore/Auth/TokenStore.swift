import AnjieDomain
import Crypto
import Foundation
import PostgresNIO

/// API tokens: `anjie_<id>_<secret>`. Only a SHA-256 hash of the secret is stored, so a token is
/// shown once, at creation; revoking sets `revoked_at`.
public struct TokenStore: Sendable {
    public struct Token: Sendable {
        public let identity: Identity
        public let createdAt: Date
        public let revokedAt: Date?
    }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Creates a token; returns the full token text (the only time it exists in clear).
    public func create(county: String, name: String, role: Role, townships: [String]) async throws -> (id: String, token: String) {
        _ = try CountyCode.validate(county)
        guard (1...100).contains(name.count) else {
            throw DomainError.invalidInput("名称应为1至100个字符", "the name must be 1 to 100 characters")
        }
        let townships = try await CountyStore(db).canonicalTownships(townships, county: county)
        let id = Self.randomHex(bytes: 6)
        let secret = Self.randomHex(bytes: 32)
        try await db.client.query("""
            INSERT INTO api_tokens (county, id, name, role, townships, secret_hash)
            VALUES (\(county), \(id), \(name), \(role.rawValue), \(townships), \(Self.hash(secret)))
            """, logger: db.logger)
        return (id, "anjie_\(id)_\(secret)")
    }

    /// The identity behind a bearer token, or nil when unknown, malformed or revoked.
    public func verify(_ token: String) async throws -> Identity? {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "anjie", parts[1].count == 12, parts[2].count == 64,
              parts[1].allSatisfy(\.isHexDigit), parts[2].allSatisfy(\.isHexDigit) else { return nil }
        let rows = try await db.client.query("""
            SELECT county, id, name, role, array_to_string(townships, chr(31)), secret_hash FROM api_tokens
            WHERE id = \(String(parts[1])) AND revoked_at IS NULL
            """, logger: db.logger)
        for try await (county, id, name, role, townships, hash) in rows.decode((String, String, String, String, String, String).self) {
            // Compare hashes in constant time so timing reveals nothing about the secret.
            guard Self.constantTimeEqual(hash, Self.hash(String(parts[2]))), let role = Role(rawValue: role) else { return nil }
            return Identity(tokenID: id, name: name, county: county, role: role,
                            townships: townships.isEmpty ? [] : townships.components(separatedBy: "\u{1F}"))
        }
        return nil
    }

    public func revoke(county: String, id: String) async throws -> Bool {
        let rows = try await db.client.query("""
            UPDATE api_tokens SET revoked_at = now() WHERE county = \(county) AND id = \(id) AND revoked_at IS NULL RETURNING id
            """, logger: db.logger)
        for try await _ in rows { return true }
        return false
    }

    /// The county's tokens; with `county` nil, every county's (`anjie token list`, issue 16).
    public func list(county: String?) async throws -> [Token] {
        let rows = try await db.client.query("""
            SELECT id, county, name, role, array_to_string(townships, chr(31)), created_at, revoked_at FROM api_tokens
            WHERE \(county)::text IS NULL OR county = \(county) ORDER BY county, created_at
            """, logger: db.logger)
        var tokens: [Token] = []
        for try await (id, county, name, role, townships, created, revoked)
            in rows.decode((String, String, String, String, String, Date, Date?).self) {
            guard let role = Role(rawValue: role) else { continue }
            tokens.append(Token(identity: Identity(tokenID: id, name: name, county: county, role: role,
                                                   townships: townships.isEmpty ? [] : townships.components(separatedBy: "\u{1F}")),
                                createdAt: created, revokedAt: revoked))
        }
        return tokens
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `bytes` random bytes from the system generator, as hex: token ids, secrets, sign-in nonces.
    public static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares secrets without leaking where they differ through timing.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
