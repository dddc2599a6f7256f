import AnjieDomain
import Foundation
import PostgresNIO

/// The township registers a process has read, per county, so that checking a township costs no
/// round trip on the write path. An entry is trusted for `freshFor`; after that one cheap query
/// compares the county's `register_version` and reloads only when it moved. A change made through
/// this pool (`CountyStore`) drops the entry at once; one made by another process is seen within
/// `freshFor`.
public final class CountyRegisterCache: @unchecked Sendable {
    struct Entry {
        let version: Int
        /// Nil: the county is not registered or has no townships (values are accepted as typed).
        let register: TownshipRegister?
        var checkedAt: Date
    }

    static let freshFor: TimeInterval = 1
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    /// The county's register, nil when it has none.
    public func register(for county: String, on connection: PostgresConnection, logger: Logger) async throws -> TownshipRegister? {
        let now = Date()
        let cached = lock.withLock { entries[county] }
        if let cached, now.timeIntervalSince(cached.checkedAt) < Self.freshFor { return cached.register }
        let version = try await Self.version(county, on: connection, logger: logger)
        if let cached, cached.version == version {
            lock.withLock { entries[county]?.checkedAt = now }
            return cached.register
        }
        let register = try await Self.load(county, on: connection, logger: logger)
        lock.withLock { entries[county] = Entry(version: version, register: register, checkedAt: now) }
        return register
    }

    /// Forgets a county's register (after this process changed it).
    public func invalidate(_ county: String) {
        lock.withLock { _ = entries.removeValue(forKey: county) }
    }

    /// -1 for a county that is not registered.
    static func version(_ county: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("SELECT register_version FROM counties WHERE county = \(county)", logger: logger)
        for try await version in rows.decode(Int.self) { return version }
        return -1
    }

    static func load(_ county: String, on connection: PostgresConnection, logger: Logger) async throws -> TownshipRegister? {
        let rows = try await connection.query("""
            SELECT name, code, array_to_string(aliases, chr(31)) FROM county_townships WHERE county = \(county)
            """, logger: logger)
        var townships: [Township] = []
        for try await (name, code, aliases) in rows.decode((String, String?, String).self) {
            townships.append(Township(name: name, code: code, aliases: aliases.isEmpty ? [] : aliases.components(separatedBy: "\u{1F}")))
        }
        return townships.isEmpty ? nil : try TownshipRegister(county: county, townships: townships)
    }
}

extension CountyRegisterCache {
    /// An event's data with its township as the register's canonical name, or a refusal with the
    /// nearest names. The engine and the importer call this before deciding, so every entry path
    /// (CLI, API, import, ledger) is checked once. Data without a township costs nothing.
    public func canonicalizing(_ data: EventData, county: String, spec: EventSpec?, on connection: PostgresConnection,
                               logger: Logger) async throws -> EventData {
        guard let spec, let field = spec.field(named: "township"),
              [field.name, field.zh, field.dashedName].contains(where: { data[$0] != nil }) else { return data }
        guard let register = try await register(for: county, on: connection, logger: logger) else { return data }
        return try register.canonicalizing(data, spec: spec)
    }
}
