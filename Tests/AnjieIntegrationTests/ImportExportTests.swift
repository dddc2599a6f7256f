import AnjieDomain
import AnjieStore
import AnjieSynthetic
import Foundation
import PostgresNIO
import Testing

@Suite struct ImportExportTests {
    /// Thousands of random but valid cases of every workflow, plus log records.
    static func syntheticFile(cases: Int, logs: Int, seed: UInt64) throws -> (path: String, lines: [String]) {
        var generator = RandomCases(seed: seed)
        let workflows = Workflows.contract
        var lines: [String] = []
        for index in 0..<cases {
            lines += generator.nextCase(workflow: workflows[index % workflows.count]).map(Interchange.encode)
        }
        for _ in 0..<logs { lines.append(Interchange.encode(generator.nextLog())) }
        return (try write(lines), lines)
    }

    static func write(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-import-\(UUID().uuidString).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Everything that must survive a round trip, as comparable text.
    static func fingerprint(_ db: Database) async throws -> [String] {
        var out: [String] = []
        let cases = try await db.client.query("""
            SELECT county || '|' || workflow || '|' || case_no || '|' || state || '|' || version || '|' || coalesce(outcome, '-')
                   || '|' || coalesce(township, '-') || '|' || opened_at || '|' || coalesce(closed_at::text, '-') || '|' || context::text
            FROM cases ORDER BY 1
            """)
        for try await row in cases.decode(String.self) { out.append(row) }
        let events = try await db.client.query("""
            SELECT county || '|' || workflow || '|' || case_no || '|' || seq || '|' || event || '|' || at || '|' || actor || '|' || data::text
            FROM events ORDER BY 1
            """)
        for try await row in events.decode(String.self) { out.append(row) }
        let logs = try await db.client.query("SELECT county || '|' || id || '|' || log || '|' || at || '|' || data::text FROM log_records ORDER BY 1")
        for try await row in logs.decode(String.self) { out.append(row) }
        return out
    }

    static func count(_ db: Database, _ table: String) async throws -> Int {
        let rows = try await db.client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }

    @Test func importIsIdempotentAndExportImportRoundTrips() async throws {
        let (path, lines) = try Self.syntheticFile(cases: 1400, logs: 100, seed: 7)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let exported = try await TestDatabase.withFreshDatabase("roundtrip_a") { db, _ -> (String, [String]) in
            let first = try await Importer(db).run(path: path, dryRun: false)
            #expect(first.errors.isEmpty, "\(first.errors.prefix(3))")
            #expect(first.committed)
            #expect(first.eventsWritten + first.logsWritten == lines.count)
            #expect(first.casesCreated == 1400)
            let again = try await Importer(db).run(path: path, dryRun: false)
            #expect(again.eventsWritten == 0 && again.logsWritten == 0)
            #expect(again.duplicatesSkipped + again.logsSkipped == lines.count)
            var exportedLines: [String] = []
            try await Exporter(db).run(county: nil, workflow: nil, year: nil) { exportedLines.append($0) }
            #expect(exportedLines.count == lines.count)
            return (try Self.write(exportedLines), try await Self.fingerprint(db))
        }
        defer { try? FileManager.default.removeItem(atPath: exported.0) }
        let contractIDs = Workflows.contract.map(\.id)
        let workflowsSeen = Set(lines.compactMap { line in contractIDs.first { line.contains("\"workflow\":\"\($0.rawValue)\"") } })
        #expect(workflowsSeen.count == contractIDs.count)
        try await TestDatabase.withFreshDatabase("roundtrip_b") { db, _ in
            let report = try await Importer(db).run(path: exported.0, dryRun: false)
            #expect(report.errors.isEmpty && report.committed)
            #expect(try await Self.fingerprint(db) == exported.1)
        }
    }

    @Test func anyBadLineMeansNothingIsWrittenAndEveryBadLineIsReported() async throws {
        var (_, lines) = try Self.syntheticFile(cases: 300, logs: 20, seed: 11)
        // A malformed line, an illegal step and an invalid ID number, in the middle of the file.
        lines.insert("{\"county\":\"450222\",\"workflow\":\"dispute\"", at: 100)
        lines.insert(#"{"county":"450222","workflow":"mediation","case":"TJ-X-1","event":"agree","at":"2025-05-01T10:00:00+08:00","data":{"form":"oral"}}"#, at: 200)
        lines.insert(#"{"county":"450222","workflow":"legal_aid","case":"YZ-X-2","event":"apply","at":"2025-05-01T10:00:00+08:00","data":{"case_type":"civil","matter":"欠薪","parties":[{"role":"applicant","name":"王某","id_number":"110105194912310021"}]}}"#, at: 300)
        let path = try Self.write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("badline") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(!report.committed)
            #expect(report.errors.map(\.line) == [101, 201, 301])
            #expect(report.errors[1].en.contains("illegal") || report.errors[1].en.contains("allow"))
            #expect(report.errors[2].en.contains("id_number"))
            for table in ["cases", "events", "log_records"] {
                #expect(try await Self.count(db, table) == 0, "\(table)")
            }
        }
    }

    @Test func aDryRunValidatesAndWritesNothing() async throws {
        let (path, lines) = try Self.syntheticFile(cases: 50, logs: 5, seed: 3)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("dryrun") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: true)
            #expect(report.errors.isEmpty && !report.committed)
            #expect(report.eventsWritten + report.logsWritten == lines.count)
            #expect(try await Self.count(db, "events") == 0)
        }
    }

    @Test func linesThatAreNotTheFormatAreNamed() throws {
        let cases: [(String, String)] = [
            ("not json", "JSON"),
            ("[1,2]", "object"),
            (#"{"county":"450222","workflow":"dispute","case":"A","event":"register","at":"2025-13-01T00:00:00+08:00"}"#, "RFC 3339"),
            (#"{"county":"45022","workflow":"dispute","case":"A","event":"register","at":"2025-03-01T00:00:00+08:00"}"#, "county"),
            (#"{"county":"450222","workflow":"nope","case":"A","event":"x","at":"2025-03-01T00:00:00+08:00"}"#, "workflow"),
            (#"{"county":"450222","workflow":"dispute","case":"A B","event":"x","at":"2025-03-01T00:00:00+08:00"}"#, "case number"),
            (#"{"county":"450222","workflow":"dispute","case":"A","event":"x","at":"2025-03-01T00:00:00+08:00","extra":1}"#, "unknown field"),
            (#"{"county":"450222","log":"visit","id":"R1","at":"2025-03-01T00:00:00+08:00"}"#, "log kind"),
        ]
        for (line, expected) in cases {
            do {
                _ = try Interchange.parse(Array(line.utf8))
                Issue.record("accepted: \(line)")
            } catch let error as DomainError {
                #expect(error.en.contains(expected), "\(line) → \(error.en)")
            }
        }
        #expect(throws: DomainError.self) { try Interchange.parse([0x7B, 0xFF, 0x7D]) }  // invalid UTF-8
    }
}
