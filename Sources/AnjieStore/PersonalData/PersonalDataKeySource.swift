import Foundation
import PostgresNIO

/// Loading the key with the database in view (issue 16): a database that already holds values
/// sealed under some key must never get a fresh key by accident. On a new machine restored from a
/// backup, a generated key would not open the old values, and the first write would refuse anyway —
/// so instead nothing is generated, and every message says where the real key must come from.
extension PersonalDataKeys {
    /// The keys for a database target, as `load(for:environment:)`, except that the embedded
    /// database's `pii.key` is generated only when the database has sealed nothing yet. When it has
    /// (a restore onto a new machine), the keys are empty and their reason says where to get the key.
    /// `db` is the owner's pool on a migrated database.
    public static func load(for target: DatabaseTarget, database db: Database,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> PersonalDataKeys {
        if let text = environment["ANJIE_PII_KEY"], !text.isEmpty {
            return PersonalDataKeys(keys: try parse(text))
        }
        let explicitFile = !(environment["ANJIE_PII_KEY_FILE"] ?? "").isEmpty
        guard let path = keyFilePath(for: target, environment: environment) else {
            let sealing = try await sealingKeyIDs(db)
            return sealing.isEmpty ? .unavailable : missing(sealing: sealing, target: target)
        }
        if !FileManager.default.fileExists(atPath: path) {
            let sealing = try await sealingKeyIDs(db)
            if !sealing.isEmpty { return missing(sealing: sealing, target: target, keyFile: path) }
            if explicitFile { return PersonalDataKeys(keys: try fileKeys(path)) }  // names the missing file
            if case .local = target { _ = try createIfMissing(path) }
        }
        return PersonalDataKeys(keys: try fileKeys(path))
    }

    /// The keys this process holds without creating any: for `anjie restore`, which reports whether
    /// the restored values can be opened here.
    public static func loadExisting(for target: DatabaseTarget,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PersonalDataKeys {
        if let text = environment["ANJIE_PII_KEY"], !text.isEmpty {
            return PersonalDataKeys(keys: try parse(text))
        }
        guard let path = keyFilePath(for: target, environment: environment),
              FileManager.default.fileExists(atPath: path) else { return PersonalDataKeys(keys: []) }
        return PersonalDataKeys(keys: try fileKeys(path))
    }

    /// The keys that sealed the database's personal data (newest first), empty for a database that
    /// has sealed nothing. Retired keys seal nothing any more and are left out.
    public static func sealingKeyIDs(_ db: Database) async throws -> [String] {
        do {
            let rows = try await db.client.query(
                "SELECT key_id FROM pii_keys WHERE retired_at IS NULL ORDER BY created_at DESC, key_id", logger: db.logger)
            var ids: [String] = []
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        } catch let error as PSQLError where error.failure == .undefinedTable {
            return []  // a database older than migration 007
        }
    }

    /// Keys that are missing, with the reason every refusal will show.
    static func missing(sealing: [String], target: DatabaseTarget, keyFile: String? = nil) -> PersonalDataKeys {
        let hint = whereTheKeyComesFrom(target: target, keyFile: keyFile)
        let ids = sealing.joined(separator: ", ")
        return PersonalDataKeys(
            missing: "数据库中的个人信息由密钥 \(ids) 加密，本机没有该密钥，也不会另生成新密钥。\(hint.zh)",
            "personal data in this database is sealed with key \(ids), which this machine does not have (no new key is generated). \(hint.en)")
    }

    /// Where the key must come from, in both languages: the sentence every refusal ends with.
    public static func whereTheKeyComesFrom(target: DatabaseTarget?, keyFile: String? = nil) -> (zh: String, en: String) {
        let destination: String?
        if let keyFile {
            destination = URL(fileURLWithPath: keyFile).standardizedFileURL.path
        } else if case .local(let dataDir)? = target {
            destination = localKeyPath(dataDir: URL(fileURLWithPath: dataDir).standardizedFileURL.path)
        } else {
            destination = nil
        }
        let zh = destination.map { "请把原机器的 <数据目录>/pii.key 复制为 \($0)（权限 0600），" } ?? "请把原机器的 <数据目录>/pii.key 复制到本机的数据目录（权限 0600），"
        let en = destination.map { "Copy the old machine's <data-dir>/pii.key to \($0) (mode 0600), " } ?? "Copy the old machine's <data-dir>/pii.key into this machine's data directory (mode 0600), "
        return (zh + "或设置 ANJIE_PII_KEY / ANJIE_PII_KEY_FILE（见 docs/operations.md「灾难恢复」）。",
                en + "or set ANJIE_PII_KEY / ANJIE_PII_KEY_FILE (see docs/operations.md, \"Disaster recovery\").")
    }
}
