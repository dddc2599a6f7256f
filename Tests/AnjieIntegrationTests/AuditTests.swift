import AnjieDomain
@testable import AnjieStore
import Foundation
import PostgresNIO
import Testing

@Suite struct AuditTests {
    @Test func verifyFindsAnEditedEventAndATamperedCaseRow() async throws {
        let (path, _) = try ImportExportTests.syntheticFile(cases: 70, logs: 0, seed: 21)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("audit") { db, owner in
            #expect(try await Importer(db).run(path: path, dryRun: false).committed)
            let store = CaseStore(db)
            try await store.record(EventEngineTests.request(nil, "register", EventEngineTests.register, at: "2025-03-02T09:30:00.123+08:00"))
            try await store.record(EventEngineTests.request("JF-2025-00001", "escalation", ["kind": .string("criminal")], at: "2025-03-03"))
            try await store.record(EventEngineTests.request("JF-2025-00001", "escalation", ["kind": .string("suicide")], at: "2025-03-04"))
            let clean = try await AuditService(db).verify(county: nil)
            #expect(clean.findings.isEmpty, "\(clean.findings.prefix(3))")
            #expect(clean.cases == 71)

            // The application's role may not change an event at all (not even reach the trigger);
            // the owner can, by switching the guard off.
            let edit = "UPDATE events SET data = '{\"kind\":\"armed_fight\"}' WHERE case_no = 'JF-2025-00001' AND seq = 2"
            try await TestDatabase.asApplication(owner) { app in
                do {
                    try await app.client.query(PostgresQuery(unsafeSQL: edit))
                    Issue.record("the application role updated an event")
                } catch let error as PSQLError {
                    #expect(error.sqlState == "42501", "expected permission denied, got \(error.serverMessage ?? "")")
                }
            }
            try await Database.with(owner) { owner in
                try await owner.transaction { connection in
                    try await connection.query("ALTER TABLE events DISABLE TRIGGER events_append_only", logger: owner.logger)
                    try await connection.query(PostgresQuery(unsafeSQL: edit), logger: owner.logger)
                    try await connection.query("ALTER TABLE events ENABLE TRIGGER events_append_only", logger: owner.logger)
                    try await connection.query("UPDATE cases SET state = 'closed' WHERE case_no = 'JF-2025-00001'", logger: owner.logger)
                }
            }
            let tampered = try await AuditService(db).verify(county: "450222")
            let named = tampered.findings.map { "\($0.caseNumber)#\($0.seq.map(String.init) ?? "-")" }
            #expect(named.contains("JF-2025-00001#2"))
            #expect(named.contains("JF-2025-00001#-"))  // the case row no longer matches the fold
            #expect(!named.contains("JF-2025-00001#3"))  // the edit is named where it is, not after
            #expect(tampered.findings.allSatisfy { $0.caseNumber == "JF-2025-00001" })
        }
    }
}
