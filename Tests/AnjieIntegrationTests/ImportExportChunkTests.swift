import AnjieDomain
@testable import AnjieStore
import AnjieSynthetic
import Foundation
import PostgresNIO
import Testing

/// The importer decides line by line but writes in chunks (`Importer.chunkLines`): these files span
/// several chunks, with every case's events spread over chunk boundaries.
@Suite struct ImportExportChunkTests {
    /// Cases interleaved round-robin (each case's events stay in order), then log records between them.
    static func interleavedLines(cases: Int, logs: Int, seed: UInt64) -> [Interchange.Line] {
        var generator = RandomCases(seed: seed)
        let workflows = Workflows.contract
        var histories = (0..<cases).map { generator.nextCase(workflow: workflows[$0 % workflows.count])[...] }
        var records = (0..<logs).map { _ in generator.nextLog() }[...]
        var lines: [Interchange.Line] = []
        while histories.contains(where: { !$0.isEmpty }) {
            for index in histories.indices {
                if let line = histories[index].popFirst() { lines.append(line) }
                if index % 20 == 0, let record = records.popFirst() { lines.append(record) }
            }
        }
        return lines + records
    }

    static func write(_ lines: [Interchange.Line]) throws -> String {
        try ImportExportTests.write(lines.map(Interchange.encode))
    }

    /// Every column (hashes included) but the times the server stamps (created_at, updated_at, recorded_at).
    static func allColumns(_ db: Database) async throws -> [String] {
        var out: [String] = []
        for query: PostgresQuery in [
            "SELECT (to_jsonb(c) - 'created_at' - 'updated_at')::text FROM cases c ORDER BY county, workflow, case_no",
            "SELECT (to_jsonb(e) - 'recorded_at')::text FROM events e ORDER BY county, workflow, case_no, seq",
            "SELECT (to_jsonb(l) - 'recorded_at')::text FROM log_records l ORDER BY county, id",
        ] {
            for try await row in try await db.client.query(query).decode(String.self) { out.append(row) }
        }
        return out
    }

    /// The same lines written one by one through the event engine and the log store.
    static func replayOneByOne(_ lines: [Interchange.Line], into db: Database) async throws {
        for line in lines {
            switch line {
            case .event(let e):
                try await CaseStore(db).record(EventRequest(county: e.county, workflow: e.workflow, caseNumber: e.caseNumber,
                                                            event: e.event, data: e.data, at: e.at, actor: e.actor ?? "import"))
            case .log(let l):
                try await LogStore(db).add(LogRequest(county: l.county, kind: l.kind, id: l.id, at: l.at,
                                                      actor: l.actor ?? "import", data: l.data))
            }
        }
    }

    @Test func chunkedImportWritesExactlyWhatTheEventEngineWrites() async throws {
        let lines = Self.interleavedLines(cases: 1500, logs: 150, seed: 21)
        #expect(lines.count > 2 * Importer.chunkLines)
        // Repeated lines (an event and a log record) are skipped, within a chunk and across chunks.
        let path = try Self.write(lines + [lines[1], lines[5], lines[lines.count - 1]])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let imported = try await TestDatabase.withFreshDatabase("chunk_import") { db, _ -> [String] in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(report.errors.isEmpty, "\(report.errors.prefix(3))")
            #expect(report.committed)
            #expect(report.casesCreated == 1500)
            #expect(report.eventsWritten + report.logsWritten == lines.count)
            #expect(report.duplicatesSkipped + report.logsSkipped == 3)
            #expect(try await AuditService(db).verify(county: nil).findings.isEmpty)
            return try await Self.allColumns(db)
        }
        let replayed = try await TestDatabase.withFreshDatabase("chunk_replay") { db, _ -> [String] in
            try await Self.replayOneByOne(lines, into: db)
            return try await Self.allColumns(db)
        }
        #expect(imported.count == replayed.count)
        #expect(imported == replayed)
    }

    @Test func reimportingAPartiallyImportedFileWritesOnlyTheRest() async throws {
        let lines = Self.interleavedLines(cases: 1200, logs: 100, seed: 5)
        let part = Array(lines.prefix(lines.count * 3 / 5))
        let (partPath, fullPath) = (try Self.write(part), try Self.write(lines))
        defer {
            try? FileManager.default.removeItem(atPath: partPath)
            try? FileManager.default.removeItem(atPath: fullPath)
        }
        let once = try await TestDatabase.withFreshDatabase("chunk_once") { db, _ -> [String] in
            let report = try await Importer(db).run(path: fullPath, dryRun: false)
            #expect(report.errors.isEmpty && report.committed)
            return try await ImportExportTests.fingerprint(db)
        }
        try await TestDatabase.withFreshDatabase("chunk_twice") { db, _ in
            let first = try await Importer(db).run(path: partPath, dryRun: false)
            #expect(first.errors.isEmpty && first.committed)
            let rest = try await Importer(db).run(path: fullPath, dryRun: false)
            #expect(rest.errors.isEmpty, "\(rest.errors.prefix(3))")
            #expect(rest.committed)
            #expect(rest.duplicatesSkipped + rest.logsSkipped == part.count)
            #expect(rest.eventsWritten + rest.logsWritten == lines.count - part.count)
            #expect(first.casesCreated + rest.casesCreated == 1200)
            // The hash chains of cases begun by the first import continue unbroken.
            #expect(try await AuditService(db).verify(county: nil).findings.isEmpty)
            #expect(try await ImportExportTests.fingerprint(db) == once)
        }
    }

    @Test func aCaseThatFailsInOneChunkIsSkippedInTheNextOnes() async throws {
        var lines = Self.interleavedLines(cases: 1500, logs: 0, seed: 9)
        // A case with events in at least three chunks; its second event becomes an unknown one.
        var positionsByCase: [String: [Int]] = [:]
        for (index, line) in lines.enumerated() {
            if case .event(let e) = line { positionsByCase[e.caseNumber, default: []].append(index) }
        }
        let chosen = positionsByCase.sorted { $0.key < $1.key }.first { _, positions in
            positions.count >= 4 && positions[1] < Importer.chunkLines && positions[positions.count - 1] > 2 * Importer.chunkLines
        }
        let (number, positions) = try #require(chosen)
        guard case .event(var broken) = lines[positions[1]] else { return }
        broken.event = "no_such_event"
        lines[positions[1]] = .event(broken)
        let path = try Self.write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("chunk_fail") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(!report.committed)
            #expect(report.errors.map(\.line) == positions.dropFirst().map { $0 + 1 })
            #expect(report.errors.dropFirst().allSatisfy { $0.en.contains("skipped: case \(number)") })
            for table in ["cases", "events", "log_records"] {
                #expect(try await ImportExportTests.count(db, table) == 0, "\(table)")
            }
        }
    }

    @Test func nullableArraysBindNullsAndKeepEmptyStrings() async throws {
        try await TestDatabase.withFreshDatabase("nullable_array") { db, _ in
            let texts = NullableArray<String>([nil, "", "调解"])
            let numbers = NullableArray<Int>([7, nil, -1])
            let dates = NullableArray<Date>([nil, Date(timeIntervalSince1970: 1_700_000_000.25), nil])
            let flags = NullableArray<Bool>([true, false, nil])
            let amounts = NullableArray<Double>([nil, 12000.5, 0])
            let rows = try await db.client.query("""
                SELECT coalesce(t, '<null>') || '|' || coalesce(n::text, '<null>') || '|' || coalesce(extract(epoch FROM d)::text, '<null>')
                       || '|' || coalesce(f::text, '<null>') || '|' || coalesce(a::numeric(16, 2)::text, '<null>')
                FROM unnest(\(texts), \(numbers), \(dates), \(flags), \(amounts)) AS x(t, n, d, f, a)
                """)
            var out: [String] = []
            for try await row in rows.decode(String.self) { out.append(row) }
            #expect(out == ["<null>|7|<null>|true|<null>", "|<null>|1700000000.250000|false|12000.50", "调解|-1|<null>|<null>|0.00"])
            let empty = try await db.client.query("SELECT count(*)::int FROM unnest(\(NullableArray<String>()))")
            for try await count in empty.decode(Int.self) { #expect(count == 0) }
        }
    }
}
