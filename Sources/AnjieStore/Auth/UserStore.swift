import AnjieDomain
import Crypto
import CryptoExtras
import Foundation
import PostgresNIO

/// People who sign in to the dashboard with a name and password. Roles and townships mean what
/// they mean on a token (`Identity`). Passwords are kept only as PBKDF2-HMAC-SHA256 with a random
/// 16-byte salt per user and `PasswordHash.iterations` rounds (swift-crypto's `KDF.Insecure.PBKDF2`,
/// BoringSSL underneath); a signed-in browser holds a session, never the password.
public struct UserStore: Sendable {
    public struct User: Sendable {
        public let identity: Identity
        public let createdAt: Date
        public let passwordChangedAt: Date
        public let disabledAt: Date?
    }

    /// How long a session lasts after sign-in: a working day, then the password again.
    public static let sessionLifetime: TimeInterval = 12 * 3600
    public static let passwordLength = 8...200

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func add(name: String, county: String, role: Role, townships: [String], password: String) async throws {
        _ = try CountyCode.validate(county)
        try Self.check(name: name)
        try Self.check(password: password)
        let townships = try await CountyStore(db).canonicalTownships(townships, county: county)
        let hash = try await PasswordHash.make(password)
        do {
            try await db.client.query("""
                INSERT INTO users (name, county, role, townships, password_hash)
                VALUES (\(name), \(county), \(role.rawValue), \(townships), \(hash))
                """, logger: db.logger)
        } catch let error as PSQLError where error.failure == .uniqueViolation {
            throw DomainError.invalidInput("用户 \(name) 已存在", "user \(name) already exists")
        }
    }

    /// Sets a new password and signs the user out everywhere. False when there is no such user.
    public func setPassword(name: String, password: String) async throws -> Bool {
        try Self.check(password: password)
        let hash = try await PasswordHash.make(password)
        let rows = try await db.client.query("""
            UPDATE users SET password_hash = \(hash), password_changed_at = now() WHERE name = \(name) RETURNING name
            """, logger: db.logger)
        var found = false
        for try await _ in rows { found = true }
        if found { try await endSessions(of: name) }
        return found
    }

    /// Disables the user and ends its sessions. False when there is no such user or it is disabled already.
    public func disable(name: String) async throws -> Bool {
        let rows = try await db.client.query("""
            UPDATE users SET disabled_at = now() WHERE name = \(name) AND disabled_at IS NULL RETURNING name
            """, logger: db.logger)
        var found = false
        for try await _ in rows { found = true }
        try await endSessions(of: name)
        return found
    }

    public func list(county: String?) async throws -> [User] {
        let rows = try await db.client.query("""
            SELECT name, county, role, array_to_string(townships, chr(31)), created_at, password_changed_at, disabled_at FROM users
            WHERE \(county) IS NULL OR county = \(county) ORDER BY county, name
            """, logger: db.logger)
        var users: [User] = []
        for try await (name, county, role, townships, created, changed, disabled)
            in rows.decode((String, String, String, String, Date, Date, Date?).self) {
            guard let role = Role(rawValue: role) else { continue }
            users.append(User(identity: Self.identity(name: name, county: county, role: role, townships: townships),
                              createdAt: created, passwordChangedAt: changed, disabledAt: disabled))
        }
        return users
    }

    /// The user's identity when the password is right and the user is not disabled; nil otherwise.
    /// An unknown name costs the same KDF as a known one, so timing does not tell which names exist.
    public func verify(name: String, password: String) async throws -> Identity? {
        let rows = try await db.client.query("""
            SELECT county, role, array_to_string(townships, chr(31)), password_hash FROM users
            WHERE name = \(name) AND disabled_at IS NULL
            """, logger: db.logger)
        var found: (String, String, String, String)?
        for try await row in rows.decode((String, String, String, String).self) { found = row }
        guard let (county, role, townships, hash) = found, let role = Role(rawValue: role) else {
            _ = await PasswordHash.matches(password, PasswordHash.decoy)
            return nil
        }
        guard await PasswordHash.matches(password, hash) else { return nil }
        return Self.identity(name: name, county: county, role: role, townships: townships)
    }

    /// Starts a session; returns the cookie value ("anjieu_<id>_<secret>"), shown to nobody else.
    public func startSession(name: String) async throws -> String {
        let id = TokenStore.randomHex(bytes: 6)
        let secret = TokenStore.randomHex(bytes: 32)
        let expires = Date().addingTimeInterval(Self.sessionLifetime)
        try await db.client.query("""
            INSERT INTO user_sessions (id, user_name, secret_hash, expires_at)
            VALUES (\(id), \(name), \(TokenStore.hash(secret)), \(expires))
            """, logger: db.logger)
        return "\(Self.sessionPrefix)\(id)_\(secret)"
    }

    public static let sessionPrefix = "anjieu_"

    /// The identity behind a session cookie; nil when unknown, expired, malformed or its user disabled.
    public func session(_ value: String) async throws -> Identity? {
        guard let (id, secret) = Self.parseSession(value) else { return nil }
        let rows = try await db.client.query("""
            SELECT u.name, u.county, u.role, array_to_string(u.townships, chr(31)), s.secret_hash
            FROM user_sessions s JOIN users u ON u.name = s.user_name
            WHERE s.id = \(id) AND s.expires_at > now() AND u.disabled_at IS NULL
            """, logger: db.logger)
        for try await (name, county, role, townships, hash) in rows.decode((String, String, String, String, String).self) {
            guard TokenStore.constantTimeEqual(hash, TokenStore.hash(secret)), let role = Role(rawValue: role) else { return nil }
            return Self.identity(name: name, county: county, role: role, townships: townships)
        }
        return nil
    }

    public func endSession(_ value: String) async throws {
        guard let (id, _) = Self.parseSession(value) else { return }
        try await db.client.query("DELETE FROM user_sessions WHERE id = \(id)", logger: db.logger)
    }

    func endSessions(of name: String) async throws {
        try await db.client.query("DELETE FROM user_sessions WHERE user_name = \(name) OR expires_at < now()", logger: db.logger)
    }

    static func parseSession(_ value: String) -> (id: String, secret: String)? {
        guard value.hasPrefix(sessionPrefix) else { return nil }
        let parts = value.dropFirst(sessionPrefix.count).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 12, parts[1].count == 64,
              parts[0].allSatisfy(\.isHexDigit), parts[1].allSatisfy(\.isHexDigit) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// A user's identity: `tokenID` names the user (it is what the request log shows).
    static func identity(name: String, county: String, role: Role, townships: String) -> Identity {
        Identity(tokenID: "user:\(name)", name: name, county: county, role: role,
                 townships: townships.isEmpty ? [] : townships.components(separatedBy: "\u{1F}"))
    }

    static func check(name: String) throws {
        // Printable, no spaces at the ends: it is typed into a form and shown on every page.
        guard (1...100).contains(name.count), name == name.trimmingCharacters(in: .whitespaces),
              !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw DomainError.invalidInput("用户名应为1至100个可见字符，首尾无空格", "a user name is 1 to 100 printable characters, no spaces at the ends")
        }
    }

    static func check(password: String) throws {
        guard passwordLength.contains(password.count) else {
            throw DomainError.invalidInput("密码应为\(passwordLength.lowerBound)至\(passwordLength.upperBound)个字符",
                                           "a password is \(passwordLength.lowerBound) to \(passwordLength.upperBound) characters")
        }
    }
}

/// "pbkdf2-sha256$<iterations>$<salt>$<key>" (base64): the stored form of a password.
public enum PasswordHash {
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. Stored with each hash, so raising it
    /// later leaves existing passwords working (they keep their count until changed).
    public static let iterations = 600_000
    static let scheme = "pbkdf2-sha256"

    /// A hash of no one's password, checked when the name is unknown so the answer takes as long.
    static let decoy = "\(scheme)$\(iterations)$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    public static func make(_ password: String) async throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let key = try await derive(password, salt: salt, iterations: iterations)
        return "\(scheme)$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Whether `password` is the one `stored` was made from; constant-time on the derived key.
    public static func matches(_ password: String, _ stored: String) async -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == scheme, let rounds = Int(parts[1]), rounds >= 210_000,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let key = try? await derive(password, salt: Array(salt), iterations: rounds), key.count == expected.count
        else { return false }
        return zip(key, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Runs the KDF on a dispatch queue: about half a second of CPU that must not hold one of the
    /// few threads Swift concurrency (and so every other request) runs on.
    static func derive(_ password: String, salt: [UInt8], iterations: Int) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result {
                    let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                                 outputByteCount: 32, rounds: iterations)
                    return key.withUnsafeBytes { Array($0) }
                })
            }
        }
    }
}
