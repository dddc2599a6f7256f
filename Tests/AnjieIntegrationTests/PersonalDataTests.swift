import AnjieDomain
@testable import AnjieStore
import Foundation
import PostgresNIO
import Testing

/// Issue 7, item 2: ID numbers and phones are sealed at rest, masked unless revealed, findable by
/// keyed hash, and the key can be rotated; a wrong or missing key stops writes instead of splitting data.
@Suite struct PersonalDataTests {
    static let idNumber = "11010519491231002X"
    static let phone = "13800001234"

    static let register: EventData = [
        "channel": .string("walk_in"), "category": .string("neighbour"), "township": .string("大埔镇"),
        "summary": .string("排水沟纠纷"),
        "parties": .array([
            .object(["role": .string("applicant"), "name": .string("张三"), "id_number": .string(idNumber.lowercased()),
                     "phone": .string(phone)]),
            .object(["role": .string("respondent"), "name": .string("李四"), "phone": .string("0771-5550123")]),
        ]),
    ]

    static func registered(_ db: Database, at: String = "2025-03-02T09:30:00+08:00") async throws -> String {
        try await CaseStore(db).record(EventEngineTests.request(nil, "register", register, at: at)).summary.caseNumber
    }

    /// Counts rows whose stored bytes contain `needle`, reading as the owner (who sees everything).
    static func rowsContaining(_ needle: String, owner: PostgresClient.Configuration) async throws -> Int {
        try await Database.with(owner) { db in
            let rows = try await db.client.query("""
                SELECT (SELECT count(*) FROM events WHERE data::text LIKE '%' || \(needle) || '%')
                     + (SELECT count(*) FROM cases WHERE context::text LIKE '%' || \(needle) || '%')
                     + (SELECT count(*) FROM pii_values WHERE position(convert_to(\(needle), 'UTF8') IN sealed) > 0)
                """)
            for try await count in rows.decode(Int.self) { return count }
            return -1
        }
    }

    @Test func storedMaskedRevealedOnRequestAndFoundByKeyedHash() async throws {
        try await TestDatabase.withFreshDatabase("pii") { db, owner in
            let number = try await Self.registered(db)
            // Nothing in the clear anywhere in the database.
            #expect(try await Self.rowsContaining("1101051949", owner: owner) == 0)
            #expect(try await Self.rowsContaining("13800001234", owner: owner) == 0)
            #expect(try await EventEngineTests.count(db, "SELECT count(*) FROM pii_values") == 3)

            let masked = try await CaseStore(db).show(county: EventEngineTests.county, workflow: .dispute, caseNumber: number)
            let maskedText = JSONValue.object(masked.events[0].data).display
            #expect(maskedText.contains("**************002X") && maskedText.contains("*******1234"))
            #expect(!maskedText.contains("1101051949"))

            let clear = try await CaseStore(db).show(county: EventEngineTests.county, workflow: .dispute, caseNumber: number,
                                                     revealPersonalData: true)
            let clearText = JSONValue.object(clear.events[0].data).display
            #expect(clearText.contains(Self.idNumber) && clearText.contains(Self.phone) && clearText.contains("0771-5550123"))

            // Found by the hash of the value, however it is typed; not by a near miss.
            let vault = PersonalDataVault(db)
            #expect(try await vault.cases(county: EventEngineTests.county, kind: "id_number", value: Self.idNumber.lowercased()).map(\.caseNumber) == [number])
            #expect(try await vault.cases(county: EventEngineTests.county, kind: "phone", value: "138 0000 1234").map(\.caseNumber) == [number])
            #expect(try await vault.cases(county: EventEngineTests.county, kind: "phone", value: "13800001235").isEmpty)
            // The chain covers what is stored, so the audit still holds (and re-folds with the clear values).
            let audit = try await AuditService(db).verify(county: nil)
            #expect(audit.findings.isEmpty, "\(audit.findings)")
        }
    }

    @Test func importSealsAndExportOpensSoTheRoundTripIsExact() async throws {
        try await TestDatabase.withFreshDatabase("piiexport") { db, owner in
            _ = try await Self.registered(db)
            var lines: [String] = []
            try await Exporter(db).run(county: nil, workflow: nil, year: nil) { lines.append($0) }
            #expect(lines.count == 1 && lines[0].contains(Self.idNumber))
            let exported = lines
            try await TestDatabase.withFreshDatabase("piiimport") { other, otherOwner in
                let path = NSTemporaryDirectory() + "pii-\(UUID().uuidString).jsonl"
                try exported.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(atPath: path) }
                #expect(try await Importer(other).run(path: path, dryRun: false).committed)
                #expect(try await Self.rowsContaining("1101051949", owner: otherOwner) == 0)
                let hashes = { (db: Database) async throws -> [String] in
                    let rows = try await db.client.query("SELECT encode(hash, 'hex') FROM events ORDER BY case_no, seq")
                    var all: [String] = []
                    for try await hash in rows.decode(String.self) { all.append(hash) }
                    return all
                }
                #expect(try await hashes(other) == hashes(db))
            }
            _ = owner
        }
    }

    @Test func withoutTheKeyNothingWithPersonalDataIsWrittenOrOpened() async throws {
        try await TestDatabase.withFreshDatabase("piinokey") { db, _ in
            let number = try await Self.registered(db)
            let keyless = Database(client: db.client, logger: db.logger, personalData: .unavailable)
            await #expect(throws: StoreError.self) { _ = try await Self.registered(keyless, at: "2025-03-03T10:00:00+08:00") }
            #expect(try await EventEngineTests.count(db, "SELECT count(*) FROM events") == 1)
            await #expect(throws: StoreError.self) {
                _ = try await CaseStore(keyless).show(county: EventEngineTests.county, workflow: .dispute, caseNumber: number,
                                                      revealPersonalData: true)
            }
            // Another key: refused before a second key could start sealing beside the first.
            let other = Database(client: db.client, logger: db.logger,
                                 personalData: PersonalDataKeys(keys: try PersonalDataKeys.parse(PersonalDataKeys.generateMaster())))
            do {
                _ = try await Self.registered(other, at: "2025-03-04T10:00:00+08:00")
                Issue.record("a second key sealed values beside the first")
            } catch let error as StoreError {
                #expect(error.en.contains("sealed with key"))
            }
            #expect(try await EventEngineTests.count(db, "SELECT count(*) FROM events") == 1)
            #expect(try await EventEngineTests.count(db, "SELECT count(DISTINCT key_id) FROM pii_values") == 1)
            // Events without personal data need no key.
            var plain = Self.register
            plain["parties"] = .array([.object(["role": .string("applicant"), "name": .string("王五")])])
            _ = try await CaseStore(keyless).record(EventEngineTests.request(nil, "register", plain, at: "2025-03-05T10:00:00+08:00"))
        }
    }

    @Test func rotationResealsEverythingAndRetiresTheOldKey() async throws {
        try await TestDatabase.withFreshDatabase("piirotate") { db, owner in
            let number = try await Self.registered(db)
            _ = try await Self.registered(db, at: "2025-04-01T10:00:00+08:00")
            let next = try PersonalDataKeys.parse(PersonalDataKeys.generateMaster())
            let rotated = try await Database.with(owner, personalData: PersonalDataKeys(keys: next + db.personalData.keys)) { both in
                try await PersonalDataVault(both).rotate(batchSize: 2)
            }
            #expect(rotated == 6)
            let onlyNew = Database(client: db.client, logger: db.logger, personalData: PersonalDataKeys(keys: next))
            let status = try await PersonalDataVault(onlyNew).status()
            #expect(status.first { $0.keyID == next[0].id }?.values == 6)
            #expect(status.first { $0.keyID == db.personalData.current!.id }?.retired == true)
            let clear = try await CaseStore(onlyNew).show(county: EventEngineTests.county, workflow: .dispute, caseNumber: number,
                                                          revealPersonalData: true)
            #expect(JSONValue.object(clear.events[0].data).display.contains(Self.idNumber))
            #expect(try await PersonalDataVault(onlyNew).cases(county: EventEngineTests.county, kind: "id_number", value: Self.idNumber).count == 2)
            // The old key opens nothing any more, and may no longer seal.
            await #expect(throws: StoreError.self) {
                _ = try await CaseStore(db).show(county: EventEngineTests.county, workflow: .dispute, caseNumber: number, revealPersonalData: true)
            }
            await #expect(throws: StoreError.self) { _ = try await Self.registered(db, at: "2025-05-01T10:00:00+08:00") }
            #expect(try await Self.rowsContaining("1101051949", owner: owner) == 0)
        }
    }

    @Test func aSealedValueMovedToAnotherRecordDoesNotOpen() async throws {
        try await TestDatabase.withFreshDatabase("piimove") { db, owner in
            let first = try await Self.registered(db)
            let second = try await Self.registered(db, at: "2025-04-01T10:00:00+08:00")
            try await Database.with(owner) { owner in
                try await owner.client.query("""
                    UPDATE pii_values SET sealed = (SELECT sealed FROM pii_values WHERE case_no = \(first) AND path = 'parties/0/id_number')
                    WHERE case_no = \(second) AND path = 'parties/0/id_number'
                    """)
            }
            await #expect(throws: (any Error).self) {
                _ = try await CaseStore(db).show(county: EventEngineTests.county, workflow: .dispute, caseNumber: second, revealPersonalData: true)
            }
            let audit = try await AuditService(db).verify(county: nil)
            #expect(audit.findings.map(\.caseNumber) == [second], "\(audit.findings)")
        }
    }

    @Test func theApplicationRoleCannotChangeTheRecord() async throws {
        try await TestDatabase.withFreshDatabase("piirole") { _, owner in
          try await TestDatabase.asApplication(owner) { db in
            _ = try await Self.registered(db)
            // Everyday work runs under it: reading, listing, the audit, an import.
            #expect(try await CaseStore(db).list(CaseFilter(county: EventEngineTests.county, limit: 10)).count == 1)
            #expect(try await AuditService(db).verify(county: nil).findings.isEmpty)
            for sql: PostgresQuery in ["UPDATE events SET actor = 'forger'", "DELETE FROM events", "UPDATE pii_values SET key_id = 'x'",
                                       "DELETE FROM pii_values", "UPDATE log_records SET actor = 'x'"] {
                do {
                    try await db.client.query(sql)
                    Issue.record("the application role ran \(sql.sql)")
                } catch let error as PSQLError {
                    #expect(error.sqlState == "42501", "\(sql.sql): \(error.serverMessage ?? "")")
                }
            }
          }
        }
    }

    @Test func theLocalKeyFileIsCreatedOnceWithMode0600() throws {
        let dir = NSTemporaryDirectory() + "anjie-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try PersonalDataKeys.load(for: .local(dataDir: dir), environment: [:])
        let second = try PersonalDataKeys.load(for: .local(dataDir: dir), environment: [:])
        #expect(first.current?.id == second.current?.id && first.current != nil)
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/pii.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try PersonalDataKeys.load(for: .url("postgres://x@y/z"), environment: [:]).current == nil)
        #expect(throws: StoreError.self) { try PersonalDataKeys.parse("not a key") }
    }
}
