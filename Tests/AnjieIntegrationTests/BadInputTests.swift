import AnjieDomain
import AnjieServer
import AnjieStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

/// Every malformed input gets a clean, named refusal and writes nothing, on every entry path.
@Suite struct BadInputTests {
    static func countRows(_ db: Database) async throws -> Int {
        let rows = try await db.client.query("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM log_records) + (SELECT count(*) FROM cases)")
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }

    @Test func theImportRefusesEveryLineByNumberAndWritesNothing() async throws {
        let corpus = BadInputCorpus.lines()
        #expect(corpus.count >= 140)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-bad-\(UUID().uuidString).jsonl").path
        var bytes: [UInt8] = []
        for line in corpus { bytes += line + [0x0A] }
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("badimport") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(!report.committed)
            // Every line is refused and named (a line that happens to be valid would be written and missing here).
            #expect(report.errorCount == corpus.count, "refused \(report.errorCount) of \(corpus.count)")
            #expect(Set(report.errors.map(\.line)) == Set(1...corpus.count))
            #expect(report.errors.allSatisfy { !$0.en.isEmpty && !$0.zh.isEmpty && !$0.en.contains("PSQLError") })
            #expect(!report.errors.contains { $0.en.contains("skipped") }, "each line is judged on its own")
            #expect(try await Self.countRows(db) == 0)
        }
    }

    @Test func theAPIAnswers4xxToEveryBadBodyAndWritesNothing() async throws {
        try await TestDatabase.withFreshDatabase("badapi") { db, _ in
            let token = try await TokenStore(db).create(county: "450222", name: "fuzz", role: .admin, townships: []).token
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let app = Application(router: buildRouter(db: db, logger: logger, metrics: nil))
            // Defects only in fields the API does not take (county, actor: the token gives them) are skipped.
            @Sendable func apiBody(_ object: [String: Any]) -> Data? {
                var api: [String: Any] = [:]
                for key in ["case", "event", "at", "data"] { api[key] = object[key] }
                return try? JSONSerialization.data(withJSONObject: api, options: [.sortedKeys])
            }
            @Sendable func endpoint(_ object: [String: Any]) -> String {
                let workflow = (object["workflow"] as? String) ?? ""
                return !workflow.isEmpty && workflow.allSatisfy({ $0.isLetter || $0 == "_" }) ? workflow : "dispute"
            }
            let baseBody = apiBody(BadInputCorpus.base)
            let corpus = BadInputCorpus.raw().filter { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return true }
                // In the API a null "case" or "at" means "assign a number" and "now": not bad input there.
                if object["case"] is NSNull || object["at"] is NSNull { return false }
                return apiBody(object) != baseBody || endpoint(object) != "dispute"
            }
            #expect(corpus.count >= 120)
            try await app.test(.router) { client in
                var statuses: [Int: Int] = [:]
                for line in corpus {
                    // The interchange line's event fields as an API body, or the raw bytes when they do not parse.
                    var body = ByteBuffer(bytes: line)
                    var safeWorkflow = "dispute"
                    if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] {
                        safeWorkflow = endpoint(object)
                        if let data = apiBody(object) { body = ByteBuffer(bytes: Array(data)) }
                    }
                    let response = try await client.execute(
                        uri: "/v1/cases/\(safeWorkflow)", method: .post,
                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: body)
                    statuses[Int(response.status.code), default: 0] += 1
                    #expect((400..<500).contains(Int(response.status.code)), "\(response.status) for \(String(decoding: line.prefix(400), as: UTF8.self))")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                #expect(statuses.values.reduce(0, +) == corpus.count)
            }
            #expect(try await Self.countRows(db) == 0)
        }
    }
}
