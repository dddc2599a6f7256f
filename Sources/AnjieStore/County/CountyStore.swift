import AnjieDomain
import Foundation
import PostgresNIO

/// The county register in PostgreSQL (migration 010): the counties this database serves, their
/// names and townships, and which county a command means when it names none.
public struct CountyStore: Sendable {
    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// What `init` changed; `unchanged` when the county already stood exactly so.
    public struct InitResult: Sendable, Equatable {
        public var created = false
        public var renamed = false
        public var madeDefault = false
        public var townships: LoadResult?
        public var changed: Bool { created || renamed || madeDefault || townships?.changed == true }
    }

    public struct LoadResult: Sendable, Equatable {
        /// False when the register already held exactly these townships: nothing was written.
        public var changed = false
        public var townships = 0
        /// Case rows whose township was a code or an alias of the new register, now its name.
        public var casesMapped = 0
    }

    /// Registers a county, or brings it to these values. Running it again with the same values
    /// writes nothing, so a deployment may run it on every start.
    @discardableResult
    public func initialize(code: String, name: String, makeDefault: Bool, townships: TownshipRegister? = nil) async throws -> InitResult {
        let code = try CountyCode.validate(code)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...50).contains(name.count) else {
            throw DomainError.invalidInput("县名应为1至50个字符", "the county name must be 1 to 50 characters")
        }
        let result = try await db.transaction { connection -> InitResult in
            var result = InitResult()
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: db.logger)
            let existing = try await Self.counties(on: connection, logger: db.logger).first { $0.code == code }
            if existing == nil {
                try await connection.query("INSERT INTO counties (county, name) VALUES (\(code), \(name))", logger: db.logger)
                result.created = true
            } else if existing?.name != name {
                try await connection.query("UPDATE counties SET name = \(name), updated_at = now() WHERE county = \(code)", logger: db.logger)
                result.renamed = true
            }
            if makeDefault, existing?.isDefault != true {
                try await connection.query("UPDATE counties SET is_default = false WHERE is_default AND county <> \(code)", logger: db.logger)
                try await connection.query("UPDATE counties SET is_default = true, updated_at = now() WHERE county = \(code)", logger: db.logger)
                result.madeDefault = true
            }
            if let townships {
                result.townships = try await replaceTownships(townships, code: code, on: connection)
            }
            return result
        }
        db.countyRegisters.invalidate(code)
        return result
    }

    /// Replaces a registered county's townships with `register` (one transaction; nothing when equal).
    public func loadTownships(_ register: TownshipRegister) async throws -> LoadResult {
        let code = register.county
        let result = try await db.transaction { connection -> LoadResult in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: db.logger)
            guard try await Self.counties(on: connection, logger: db.logger).contains(where: { $0.code == code }) else {
                throw Self.notRegistered(code)
            }
            return try await replaceTownships(register, code: code, on: connection)
        }
        db.countyRegisters.invalidate(code)
        return result
    }

    /// Serialises changes of the register (two `county init` at start-up of two replicas).
    static let lockKey: Int64 = 0x636F_756E_7479  // "county"

    private func replaceTownships(_ register: TownshipRegister, code: String, on connection: PostgresConnection) async throws -> LoadResult {
        let current = try await CountyRegisterCache.load(code, on: connection, logger: db.logger)
        var result = LoadResult(changed: false, townships: register.townships.count, casesMapped: 0)
        guard Set(current?.townships ?? []) != Set(register.townships) else { return result }
        let names = register.townships.map(\.name)
        let codes = register.townships.map { $0.code ?? "" }
        let aliases = register.townships.map { $0.aliases.joined(separator: "\u{1F}") }
        try await connection.query("DELETE FROM county_townships WHERE county = \(code)", logger: db.logger)
        try await connection.query("""
            INSERT INTO county_townships (county, name, code, aliases)
            SELECT \(code), n, nullif(c, ''), CASE WHEN a = '' THEN '{}'::text[] ELSE string_to_array(a, chr(31)) END
            FROM unnest(\(names)::text[], \(codes)::text[], \(aliases)::text[]) AS t(n, c, a)
            """, logger: db.logger)
        try await connection.query("""
            UPDATE counties SET register_version = register_version + 1, updated_at = now() WHERE county = \(code)
            """, logger: db.logger)
        // Case rows that hold a code or an alias now hold the name: the dashboard and the report
        // group by it. The events keep what was recorded (they are append-only).
        var spellings: [String] = [], targets: [String] = []
        for township in register.townships {
            for spelling in [township.code].compactMap({ $0 }) + township.aliases {
                spellings.append(spelling)
                targets.append(township.name)
            }
        }
        if !spellings.isEmpty {
            let rows = try await connection.query("""
                WITH updated AS (
                    UPDATE cases SET township = m.name
                    FROM unnest(\(spellings)::text[], \(targets)::text[]) AS m(spelling, name)
                    WHERE cases.county = \(code) AND cases.township = m.spelling
                    RETURNING 1
                )
                SELECT count(*)::int FROM updated
                """, logger: db.logger)
            for try await count in rows.decode(Int.self) { result.casesMapped = count }
        }
        result.changed = true
        return result
    }

    /// Every registered county, by code.
    public func list() async throws -> [RegisteredCounty] {
        try await db.client.withConnection { try await Self.counties(on: $0, logger: db.logger) }
    }

    public func county(_ code: String) async throws -> RegisteredCounty? {
        try await list().first { $0.code == code }
    }

    /// The county's register, nil when it has no townships loaded (values are accepted as typed).
    public func register(_ code: String) async throws -> TownshipRegister? {
        try await db.client.withConnection { try await CountyRegisterCache.load(code, on: $0, logger: db.logger) }
    }

    /// "柳城县（450222）" for a registered county, the bare code otherwise.
    public func label(_ code: String) async throws -> String {
        try await name(code).map { RegisteredCounty.label(name: $0, code: code) } ?? code
    }

    /// Townships as cases store them — the register's names for typed names, codes or aliases — so a
    /// token's or a user's scope matches its cases; refused with a suggestion when unknown. A
    /// county without a register keeps them as typed.
    public func canonicalTownships(_ typed: [String], county: String) async throws -> [String] {
        guard !typed.isEmpty, let register = try await register(county) else { return typed }
        return try typed.map { try register.canonical($0) }
    }

    /// The county's registered name, nil when it is not registered: one row, for every page's header.
    public func name(_ code: String) async throws -> String? {
        for try await name in try await db.client.query("SELECT name FROM counties WHERE county = \(code)", logger: db.logger)
            .decode(String.self) {
            return name
        }
        return nil
    }

    /// The county a command works on: `explicit` (`--county`, `ANJIE_COUNTY`), else the database's
    /// own (`CountyChoice`).
    public func resolve(explicit: String?) async throws -> String {
        if let explicit, !explicit.isEmpty { return try CountyCode.validate(explicit) }
        let registered = try await list()
        var caseCounties: [String] = []
        if registered.isEmpty {
            // Databases made before the register: the county of their cases, when there is one.
            let rows = try await db.client.query("SELECT DISTINCT county FROM cases ORDER BY county LIMIT 10", logger: db.logger)
            for try await county in rows.decode(String.self) { caseCounties.append(county) }
        }
        return try CountyChoice.resolve(explicit: nil, registered: registered, caseCounties: caseCounties)
    }

    /// Township values on the county's cases that its register does not know, most frequent first.
    /// Without a register, every value is listed.
    public func unknownTownships(county: String, register: TownshipRegister?) async throws -> [(value: String, cases: Int)] {
        let rows = try await db.client.query("""
            SELECT township, count(*)::int FROM cases
            WHERE county = \(county) AND township IS NOT NULL
            GROUP BY township ORDER BY count(*) DESC, township
            """, logger: db.logger)
        var found: [(String, Int)] = []
        for try await (value, count) in rows.decode((String, Int).self) where register?.lookup(value) != value {
            found.append((value, count))
        }
        return found
    }

    static func counties(on connection: PostgresConnection, logger: Logger) async throws -> [RegisteredCounty] {
        let rows = try await connection.query("""
            SELECT c.county, c.name, c.is_default, (SELECT count(*)::int FROM county_townships t WHERE t.county = c.county)
            FROM counties c ORDER BY c.county
            """, logger: logger)
        var counties: [RegisteredCounty] = []
        for try await (code, name, isDefault, townships) in rows.decode((String, String, Bool, Int).self) {
            counties.append(RegisteredCounty(code: code, name: name, isDefault: isDefault, townships: townships))
        }
        return counties
    }

    public static func notRegistered(_ code: String) -> DomainError {
        DomainError.invalidInput("县 \(code) 尚未登记：请先运行 anjie county init \(code) --name 名称",
                                 "county \(code) is not registered: run `anjie county init \(code) --name NAME` first")
    }
}
