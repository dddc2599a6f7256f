import AnjieDomain
import Foundation
import PostgresNIO

/// Seals the ID numbers and phones of events into `pii_values` (migration 007) and opens them again
/// for callers that may see them. The events themselves only ever hold the masked form.
public struct PersonalDataVault: Sendable {
    public let db: Database
    var keys: PersonalDataKeys { db.personalData }

    public init(_ db: Database) {
        self.db = db
    }

    /// Rows for `pii_values`, built column by column like the import's other columns.
    struct Columns {
        var county: [String] = [], workflow: [String] = [], caseNumber: [String] = [], seq: [Int] = []
        var path: [String] = [], kind: [String] = [], keyID: [String] = [], sealed: [ByteBuffer] = [], lookup: [ByteBuffer] = []

        var isEmpty: Bool { path.isEmpty }

        mutating func append(_ values: [PersonalValue], county: String, workflow: String, caseNumber: String, seq: Int,
                             keys: PersonalDataKeys) throws {
            guard !values.isEmpty else { return }
            guard let key = keys.current else { throw PersonalDataVault.missingKey(keys) }
            for value in values {
                self.county.append(county)
                self.workflow.append(workflow)
                self.caseNumber.append(caseNumber)
                self.seq.append(seq)
                path.append(value.path)
                kind.append(value.kind)
                keyID.append(key.id)
                let context = PersonalDataVault.context(county: county, workflow: workflow, caseNumber: caseNumber, seq: seq, path: value.path)
                sealed.append(ByteBuffer(bytes: try PersonalDataKeys.seal(value.value, with: key, context: context)))
                lookup.append(ByteBuffer(bytes: PersonalDataKeys.lookup(kind: value.kind, value: value.value, with: key)))
            }
        }
    }

    /// What the ciphertext is bound to: moving it to another event or field makes it fail to open.
    static func context(county: String, workflow: String, caseNumber: String, seq: Int, path: String) -> String {
        "\(county)\u{0}\(workflow)\u{0}\(caseNumber)\u{0}\(seq)\u{0}\(path)"
    }

    static func missingKey(_ keys: PersonalDataKeys) -> StoreError {
        let reason = keys.missingReason ?? PersonalDataKeys.unavailable.missingReason!
        return .environment(reason.zh, reason.en)
    }

    /// Writes sealed values in the caller's transaction, after the events they belong to. First
    /// checks that every key the database still uses is one this process holds: a replaced or lost
    /// key file must stop the write, not start a second key beside the first.
    func insert(_ columns: Columns, on connection: PostgresConnection) async throws {
        guard !columns.isEmpty, let key = keys.current else { return }
        let held = keys.keys.map(\.id)
        let rows = try await connection.query("""
            WITH registered AS (
                INSERT INTO pii_keys (key_id) VALUES (\(key.id)) ON CONFLICT (key_id) DO NOTHING RETURNING key_id
            )
            SELECT key_id FROM pii_keys WHERE retired_at IS NULL AND NOT (key_id = ANY(\(held)))
            """, logger: db.logger)
        for try await foreign in rows.decode(String.self) {
            let hint = PersonalDataKeys.whereTheKeyComesFrom(target: nil)
            throw StoreError.environment(
                "数据库中的个人信息由密钥 \(foreign) 加密，本程序持有的是 \(key.id)：未写入任何内容。\(hint.zh)",
                "personal data in this database is sealed with key \(foreign) but this process holds \(key.id); nothing was written. \(hint.en)")
        }
        let inserted = try await connection.query("""
            INSERT INTO pii_values (county, workflow, case_no, seq, path, kind, key_id, sealed, lookup)
            SELECT * FROM unnest(\(columns.county), \(columns.workflow), \(columns.caseNumber), \(columns.seq), \(columns.path),
                                 \(columns.kind), \(columns.keyID), \(columns.sealed), \(columns.lookup))
            """, logger: db.logger)
        for try await _ in inserted {}
    }

    /// The SQL that brings each event row's sealed values along (`pii.paths`, `pii.keys`, `pii.sealed`);
    /// the event table must be aliased `e`.
    static let lateralJoin = """
        LEFT JOIN LATERAL (
            SELECT array_agg(p.path ORDER BY p.path) AS paths, array_agg(p.key_id ORDER BY p.path) AS keys,
                   array_agg(p.sealed ORDER BY p.path) AS sealed
            FROM pii_values p
            WHERE p.county = e.county AND p.workflow = e.workflow AND p.case_no = e.case_no AND p.seq = e.seq
        ) pii ON true
        """

    /// An event's data with its sealed values opened and put back.
    func reveal(_ data: EventData, county: String, workflow: String, caseNumber: String, seq: Int,
                paths: [String]?, keyIDs: [String]?, sealed: [ByteBuffer]?) throws -> EventData {
        guard let paths, let keyIDs, let sealed, !paths.isEmpty else { return data }
        guard !keys.keys.isEmpty else { throw Self.missingKey(keys) }
        var values: [String: String] = [:]
        for (index, path) in paths.enumerated() {
            let context = Self.context(county: county, workflow: workflow, caseNumber: caseNumber, seq: seq, path: path)
            values[path] = try keys.open(Array(sealed[index].readableBytesView), keyID: keyIDs[index], context: context)
        }
        return PersonalData.restore(data, values)
    }

    /// Cases in which the person with this ID number or phone appears, found by the lookup hash
    /// under each key held (values sealed before a rotation finished carry the older key's hash).
    public func cases(county: String, kind: String, value: String) async throws -> [(workflow: WorkflowID, caseNumber: String)] {
        guard Masking.maskedKeys.contains(kind) else {
            throw DomainError.invalidInput("只能按身份证号或电话查找", "search by id_number or phone only")
        }
        guard !keys.keys.isEmpty else { throw Self.missingKey(keys) }
        let hashes = keys.keys.map { ByteBuffer(bytes: PersonalDataKeys.lookup(kind: kind, value: value, with: $0)) }
        let rows = try await db.client.query("""
            SELECT DISTINCT workflow, case_no FROM pii_values
            WHERE county = \(county) AND lookup = ANY(\(hashes)) AND kind = \(kind)
            ORDER BY workflow, case_no
            """, logger: db.logger)
        var found: [(WorkflowID, String)] = []
        for try await (workflow, number) in rows.decode((String, String).self) {
            if let id = WorkflowID.registered(workflow) { found.append((id, number)) }
        }
        return found
    }
}
