import Foundation
import PostgresNIO

/// `Idempotency-Key`: the key is claimed in the same transaction as the write it guards, so a
/// retried request either finds the first response or waits for the first attempt to commit.
public struct IdempotencyStore: Sendable {
    public struct Stored: Sendable, Equatable {
        public let status: Int
        public let body: String
        public let requestHash: String
    }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func find(county: String, tokenID: String, key: String) async throws -> Stored? {
        let rows = try await db.client.query("""
            SELECT status, response, request_hash FROM idempotency_keys
            WHERE county = \(county) AND token_id = \(tokenID) AND key = \(key)
            """, logger: db.logger)
        for try await (status, body, hash) in rows.decode((Int, String, String).self) {
            return Stored(status: status, body: body, requestHash: hash)
        }
        return nil
    }

    /// Records the response inside the write's transaction. A concurrent duplicate blocks on the
    /// key until this commits and then fails with a unique violation (SQLSTATE 23505).
    public func save(county: String, tokenID: String, key: String, requestHash: String, status: Int, body: String,
                     on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO idempotency_keys (county, token_id, key, request_hash, status, response)
            VALUES (\(county), \(tokenID), \(key), \(requestHash), \(status), \(body))
            """, logger: db.logger)
    }

    public static func hash(_ parts: [String]) -> String {
        TokenStore.hash(parts.joined(separator: "\u{1F}"))
    }
}
