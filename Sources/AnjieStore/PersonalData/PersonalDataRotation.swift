import AnjieDomain
import Foundation
import PostgresNIO

/// `anjie pii rotate` and `anjie pii status`: re-seal every value under a new key, in one
/// transaction, so the database is never half on one key and half on another after a failure.
extension PersonalDataVault {
    public struct KeyUse: Sendable {
        public let keyID: String
        public let values: Int
        public let held: Bool
        public let retired: Bool
    }

    /// Which keys seal how many values, and whether this process holds them.
    public func status() async throws -> [KeyUse] {
        let rows = try await db.client.query("""
            SELECT k.key_id, count(v.key_id)::int, k.retired_at IS NOT NULL
            FROM pii_keys k LEFT JOIN pii_values v USING (key_id)
            GROUP BY k.key_id, k.retired_at ORDER BY k.retired_at NULLS FIRST, k.key_id
            """, logger: db.logger)
        let held = Set(keys.keys.map(\.id))
        var uses: [KeyUse] = []
        for try await (id, count, retired) in rows.decode((String, Int, Bool).self) {
            uses.append(KeyUse(keyID: id, values: count, held: held.contains(id), retired: retired))
        }
        return uses
    }

    /// Opens every value not yet under the current key with the key it names, seals it and
    /// recomputes its lookup hash under the current key, then retires every other key. Needs every
    /// old key (a value under a key not held stops it, nothing changed). Returns the values re-sealed.
    public func rotate(batchSize: Int = 5_000) async throws -> Int {
        guard let target = keys.current else { throw Self.missingKey(keys) }
        return try await db.transaction { connection in
            // One rotation at a time; writers adding values meanwhile wait for the key row's lock.
            try await drain(try await connection.query("""
                INSERT INTO pii_keys (key_id) VALUES (\(target.id)) ON CONFLICT (key_id) DO UPDATE SET retired_at = NULL
                """, logger: db.logger))
            try await drain(try await connection.query("LOCK TABLE pii_keys IN SHARE ROW EXCLUSIVE MODE", logger: db.logger))
            var total = 0
            while true {
                let rows = try await connection.query("""
                    SELECT county, workflow, case_no, seq, path, kind, key_id, sealed FROM pii_values
                    WHERE key_id <> \(target.id) LIMIT \(batchSize)
                    """, logger: db.logger)
                var batch = Columns()
                for try await (county, workflow, number, seq, path, kind, keyID, sealed)
                    in rows.decode((String, String, String, Int, String, String, String, ByteBuffer).self) {
                    let context = Self.context(county: county, workflow: workflow, caseNumber: number, seq: seq, path: path)
                    let clear = try keys.open(Array(sealed.readableBytesView), keyID: keyID, context: context)
                    try batch.append([PersonalValue(path: path, kind: kind, value: clear)], county: county, workflow: workflow,
                                     caseNumber: number, seq: seq, keys: keys)
                }
                if batch.isEmpty { break }
                try await drain(try await connection.query("""
                    UPDATE pii_values p SET key_id = n.key_id, sealed = n.sealed, lookup = n.lookup
                    FROM unnest(\(batch.county), \(batch.workflow), \(batch.caseNumber), \(batch.seq), \(batch.path),
                                \(batch.keyID), \(batch.sealed), \(batch.lookup))
                        AS n(county, workflow, case_no, seq, path, key_id, sealed, lookup)
                    WHERE p.county = n.county AND p.workflow = n.workflow AND p.case_no = n.case_no
                      AND p.seq = n.seq AND p.path = n.path
                    """, logger: db.logger))
                total += batch.path.count
            }
            try await drain(try await connection.query("""
                UPDATE pii_keys SET retired_at = now() WHERE key_id <> \(target.id) AND retired_at IS NULL
                """, logger: db.logger))
            return total
        }
    }

    private func drain(_ rows: PostgresRowSequence) async throws {
        for try await _ in rows {}
    }
}
