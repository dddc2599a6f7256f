import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The keys that seal ID numbers and phones (AES-256-GCM) and compute their lookup hashes
/// (HMAC-SHA-256), derived with HKDF from 32-byte master keys.
///
/// Where the master key comes from, first match wins:
/// 1. `ANJIE_PII_KEY`: base64 keys separated by commas. The first seals new values; the others only
///    open old ones (the transition while a rotation's new key is rolled out).
/// 2. `ANJIE_PII_KEY_FILE`: a file holding such a line.
/// 3. The embedded database's `pii.key` beside the cluster (`.anjie/pii.key`), created with mode
///    0600 on first use; `pii.key.next` too while a rotation is under way.
/// An external database (`ANJIE_DATABASE_URL`) without 1 or 2 has no key: writing or reading
/// personal data then fails with a message saying so, never falls back to plain text.
public struct PersonalDataKeys: Sendable {
    public struct Key: Sendable {
        /// Names the key in `pii_values.key_id` without revealing it: a hash of the master key.
        public let id: String
        let sealing: SymmetricKey
        let lookup: SymmetricKey

        public init(master: SymmetricKey) {
            let digest = SHA256.hash(data: Data("anjie-pii-key-id".utf8) + master.withUnsafeBytes { Data($0) })
            id = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
            sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("anjie-pii-seal".utf8), outputByteCount: 32)
            lookup = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("anjie-pii-lookup".utf8), outputByteCount: 32)
        }
    }

    /// The first key seals; all of them open.
    public let keys: [Key]
    /// Why there is no key, for the error message (nil when there is one).
    public let missingReason: (zh: String, en: String)?

    public init(keys: [Key]) {
        self.keys = keys
        missingReason = keys.isEmpty ? ("未配置个人信息密钥", "no personal-data key is configured") : nil
    }

    init(missing zh: String, _ en: String) {
        keys = []
        missingReason = (zh, en)
    }

    public static let unavailable = PersonalDataKeys(
        missing: "未配置个人信息密钥：请设置 ANJIE_PII_KEY 或 ANJIE_PII_KEY_FILE（见 docs/operations.md）",
        "no personal-data key: set ANJIE_PII_KEY or ANJIE_PII_KEY_FILE (see docs/operations.md)")

    public var current: Key? { keys.first }

    func key(id: String) -> Key? { keys.first { $0.id == id } }

    /// nonce ‖ ciphertext ‖ tag. `context` (county, case, event, path) is authenticated, so a sealed
    /// value copied onto another record does not open there.
    static func seal(_ value: String, with key: Key, context: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(Data(value.utf8), using: key.sealing, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw StoreError.database("AES-GCM without a combined form") }
        return Array(combined)
    }

    func open(_ sealed: [UInt8], keyID: String, context: String) throws -> String {
        guard let key = key(id: keyID) else {
            let hint = Self.whereTheKeyComesFrom(target: nil)
            throw StoreError.environment("个人信息由密钥 \(keyID) 加密，当前未加载该密钥。\(hint.zh)",
                                         "personal data is sealed with key \(keyID), which is not loaded. \(hint.en)")
        }
        let box = try AES.GCM.SealedBox(combined: sealed)
        let clear = try AES.GCM.open(box, using: key.sealing, authenticating: Data(context.utf8))
        guard let text = String(bytes: clear, encoding: .utf8) else {
            throw StoreError.database("sealed personal data is not UTF-8")
        }
        return text
    }

    /// The same person's number gives the same hash under the same key, so it can be searched for
    /// without decrypting anything; without the key the hash says nothing.
    static func lookup(kind: String, value: String, with key: Key) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data("\(kind)\u{0}\(normalized(kind: kind, value: value))".utf8), using: key.lookup))
    }

    /// ID numbers compare case-insensitively (the X check digit); phones by their digits only.
    static func normalized(kind: String, value: String) -> String {
        kind == "phone" ? value.filter(\.isNumber) : value.uppercased()
    }

    // MARK: Loading

    public static func generateMaster() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public static func parse(_ text: String) throws -> [Key] {
        try text.split(whereSeparator: { $0 == "," || $0.isNewline }).map { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let bytes = Data(base64Encoded: trimmed), bytes.count == 32 else {
                throw StoreError.environment("个人信息密钥应为32字节的base64编码", "a personal-data key must be 32 bytes in base64")
            }
            return Key(master: SymmetricKey(data: bytes))
        }
    }

    /// The keys for a database target (see the type's comment for the order).
    public static func load(for target: DatabaseTarget, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PersonalDataKeys {
        if let text = environment["ANJIE_PII_KEY"], !text.isEmpty {
            return PersonalDataKeys(keys: try parse(text))
        }
        guard let path = keyFilePath(for: target, environment: environment) else { return .unavailable }
        if case .local = target, environment["ANJIE_PII_KEY_FILE"]?.isEmpty ?? true {
            _ = try createIfMissing(path)
        }
        return PersonalDataKeys(keys: try fileKeys(path))
    }

    /// The key file a target uses: `ANJIE_PII_KEY_FILE`, else the embedded database's `pii.key`.
    public static func keyFilePath(for target: DatabaseTarget, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["ANJIE_PII_KEY_FILE"], !path.isEmpty { return path }
        if case .local(let dataDir) = target { return localKeyPath(dataDir: dataDir) }
        return nil
    }

    /// A key file's keys. While a rotation is under way (`FILE.next` exists: written before any value
    /// was re-sealed, renamed over FILE after the last) the next key seals and both open.
    static func fileKeys(_ path: String) throws -> [Key] {
        var keys: [Key] = []
        if FileManager.default.fileExists(atPath: path + ".next") {
            keys += try parse(try readKeyFile(path + ".next"))
        }
        return keys + (try parse(try readKeyFile(path)))
    }

    public static func localKeyPath(dataDir: String) -> String { "\(dataDir)/pii.key" }

    static func readKeyFile(_ path: String) throws -> String {
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw StoreError.environment("无法读取个人信息密钥文件 \(path)", "cannot read the personal-data key file \(path)")
        }
        return text
    }

    /// Creates the key file with mode 0600 (O_EXCL, so two processes starting together agree on
    /// one key) unless it exists, and returns its content.
    static func createIfMissing(_ path: String) throws -> String {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try writeKeyFile(path, generateMaster() + "\n", exclusive: true)
        // Another process may have created the file a moment ago and still be writing it.
        for _ in 0..<40 {
            let text = try readKeyFile(path)
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return text }
            usleep(50_000)
        }
        throw StoreError.environment("个人信息密钥文件 \(path) 为空", "the personal-data key file \(path) is empty")
    }

    /// Writes a key file with mode 0600 and fsyncs it. `exclusive`: leave an existing file alone.
    public static func writeKeyFile(_ path: String, _ text: String, exclusive: Bool) throws {
        let flags = O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC)
        let fd = Glibc.open(path, flags, 0o600)
        if fd < 0 {
            if exclusive && errno == EEXIST { return }
            throw StoreError.environment("无法写入个人信息密钥文件 \(path)", "cannot write the personal-data key file \(path)")
        }
        defer { Glibc.close(fd) }
        let bytes = Array(text.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw StoreError.environment("无法写入个人信息密钥文件 \(path)", "cannot write the personal-data key file \(path)")
        }
    }
}
