import AnjieDomain
import AnjieServer
import AnjieStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Route tests: the real router over a real PostgreSQL, driven with `app.test(.router)`.
@Suite struct APITests {
    struct Tokens: Sendable {
        var clerkDapu = "", clerkLongtou = "", mediator = "", supervisor = "", auditor = "", admin = ""
    }

    static func withAPI(_ label: String, _ body: @Sendable @escaping (any TestClientProtocol, Tokens, Database) async throws -> Void) async throws {
        try await TestDatabase.withFreshDatabase(label) { db, _ in
            let store = TokenStore(db)
            var tokens = Tokens()
            tokens.clerkDapu = try await store.create(county: "450222", name: "dapu-clerk", role: .clerk, townships: ["大埔镇"]).token
            tokens.clerkLongtou = try await store.create(county: "450222", name: "longtou-clerk", role: .clerk, townships: ["龙头镇"]).token
            tokens.mediator = try await store.create(county: "450222", name: "mediator", role: .mediator, townships: ["大埔镇"]).token
            tokens.supervisor = try await store.create(county: "450222", name: "supervisor", role: .supervisor, townships: []).token
            tokens.auditor = try await store.create(county: "450222", name: "auditor", role: .auditor, townships: []).token
            tokens.admin = try await store.create(county: "450222", name: "admin", role: .admin, townships: []).token
            var logger = Logger(label: "test")
            logger.logLevel = .error
            let app = Application(router: buildRouter(db: db, logger: logger, metrics: nil))
            let frozen = tokens
            try await app.test(.router) { client in try await body(client, frozen, db) }
        }
    }

    static func headers(_ token: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return headers
    }

    static func json(_ response: TestResponse) throws -> [String: JSONValue] {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
        return value.objectValue ?? [:]
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ token: String?, _ body: String,
                     _ extra: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: headers(token, extra), body: ByteBuffer(string: body))
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, _ token: String?) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers(token))
    }

    static let register = #"{"event":"register","at":"2025-03-02T09:30:00+08:00","data":{"channel":"walk_in","category":"neighbour","township":"大埔镇","summary":"排水沟纠纷","parties":[{"role":"applicant","name":"张三","id_number":"11010519491231002X","phone":"13800001234"}]}}"#

    @Test func aClerkTakesADisputeThroughTheSixStepsOverHTTP() async throws {
        try await Self.withAPI("api_six") { client, tokens, _ in
            let opened = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, Self.register)
            #expect(opened.status == .created)
            let number = try Self.json(opened)["case"]?.stringValue ?? ""
            #expect(opened.headers[.location] == "/v1/cases/dispute/\(number)")
            #expect(opened.headers[.eTag] == "\"1\"")
            let steps = [
                #"{"event":"start_mediation","at":"2025-03-02T10:00:00+08:00","data":{"mediator":"王"}}"#,
                #"{"event":"mediation_failed","at":"2025-03-03T10:00:00+08:00","data":{"reason":"refused"}}"#,
                #"{"event":"assess","at":"2025-03-04T10:00:00+08:00","data":{"risk":"中风险","complexity":"complex","basis":"b"}}"#,
                #"{"event":"route","at":"2025-03-04T11:00:00+08:00","data":{"unit":"县自然资源局","legal_channel":"行政调处","due":"2025-03-31"}}"#,
                #"{"event":"supervise","at":"2025-03-10T11:00:00+08:00","data":{"notice":"督办","due":"2025-03-20"}}"#,
                #"{"event":"resolve","at":"2025-03-15T11:00:00+08:00","data":{"basis":"和解"}}"#,
            ]
            for (index, step) in steps.enumerated() {
                let response = try await Self.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu, step,
                                                   [.ifMatch: "\"\(index + 1)\""])
                #expect(response.status == .ok, "\(step)")
            }
            let shown = try await Self.get(client, "/v1/cases/dispute/\(number)", tokens.clerkDapu)
            let body = try Self.json(shown)
            #expect(body["state"] == .string("closed") && body["version"] == .number(7))
            #expect(shown.headers[.eTag] == "\"7\"")
            #expect(body["allowed_events"] == .array([.string("reopen")]))
            let events = body["events"]?.arrayValue ?? []
            #expect(events.allSatisfy { $0.objectValue?["actor"] == .string("token:dapu-clerk") })
            // A clerk sees personal data masked; an auditor sees it in full.
            let party = events.first?.objectValue?["data"]?.objectValue?["parties"]?.arrayValue?.first?.objectValue
            #expect(party?["id_number"] == .string("**************002X"))
            let audited = try Self.json(try await Self.get(client, "/v1/cases/dispute/\(number)", tokens.auditor))
            let fullParty = audited["events"]?.arrayValue?.first?.objectValue?["data"]?.objectValue?["parties"]?.arrayValue?.first?.objectValue
            #expect(fullParty?["id_number"] == .string("11010519491231002X"))
        }
    }

    @Test func townshipScopeHidesOtherTownshipsCases() async throws {
        try await Self.withAPI("api_scope") { client, tokens, _ in
            let opened = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, Self.register)
            let number = try Self.json(opened)["case"]?.stringValue ?? ""
            let other = try await Self.get(client, "/v1/cases/dispute/\(number)", tokens.clerkLongtou)
            #expect(other.status == .notFound)
            let missing = try await Self.get(client, "/v1/cases/dispute/JF-2099-99999", tokens.clerkLongtou)
            #expect(try Self.json(other)["type"] == (try Self.json(missing))["type"])  // indistinguishable
            let write = try await Self.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkLongtou,
                                            #"{"event":"escalation","data":{"kind":"criminal"}}"#)
            #expect(write.status == .notFound)
            let listed = try Self.json(try await Self.get(client, "/v1/cases", tokens.clerkLongtou))
            #expect(listed["cases"] == .array([]))
            let listedDapu = try Self.json(try await Self.get(client, "/v1/cases", tokens.clerkDapu))
            #expect(listedDapu["cases"]?.arrayValue?.count == 1)
            let elsewhere = try await Self.post(client, "/v1/cases/dispute", tokens.clerkLongtou, Self.register)
            #expect(elsewhere.status == .forbidden)
        }
    }

    @Test func staleIfMatchIs412AndIdempotencyKeysReplay() async throws {
        try await Self.withAPI("api_etag") { client, tokens, db in
            let opened = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, Self.register)
            let number = try Self.json(opened)["case"]?.stringValue ?? ""
            let escalate = #"{"event":"escalation","at":"2025-03-03T10:00:00+08:00","data":{"kind":"criminal"}}"#
            let first = try await Self.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu, escalate, [.ifMatch: "\"1\""])
            #expect(first.status == .ok)
            let stale = try await Self.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu, escalate, [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            #expect(try Self.json(stale)["current_version"] == .number(2))
            let key = HTTPField.Name("Idempotency-Key")!
            let once = try await Self.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu, escalate, [key: "k-1"])
            let twice = try await Self.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu, escalate, [key: "k-1"])
            #expect(once.status == .ok && twice.status == .ok)
            #expect(Data(buffer: once.body) == Data(buffer: twice.body))
            #expect(twice.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let detail = try await CaseStore(db).show(county: "450222", workflow: .dispute, caseNumber: number)
            #expect(detail.summary.version == 3)
            let reused = try await Self.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu,
                                             #"{"event":"escalation","data":{"kind":"suicide"}}"#, [key: "k-1"])
            #expect(reused.status == .unprocessableContent)
        }
    }

    @Test func problemsHaveStableTypesAndBothLanguages() async throws {
        try await Self.withAPI("api_problems") { client, tokens, _ in
            let noToken = try await Self.get(client, "/v1/cases", nil)
            #expect(noToken.status == .unauthorized)
            let badToken = try await Self.get(client, "/v1/cases", "anjie_000000000000_" + String(repeating: "0", count: 64))
            #expect(badToken.status == .unauthorized)
            let malformed = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, "{not json")
            #expect(malformed.status == .badRequest)
            #expect(try Self.json(malformed)["type"] == .string("/problems/malformed-json"))
            let wrongType = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, Self.register, [.contentType: "text/plain"])
            #expect(wrongType.status == .unsupportedMediaType)
            let illegal = try await Self.post(client, "/v1/cases/dispute", tokens.admin, #"{"event":"resolve","data":{"basis":"x"}}"#)
            #expect(illegal.status == .unprocessableContent)
            let problem = try Self.json(illegal)
            #expect(problem["type"] == .string("/problems/illegal-event"))
            #expect(problem["title_zh"] != nil && problem["detail_en"]?.stringValue?.contains("register") == true)
            var badID = Self.register.replacingOccurrences(of: "11010519491231002X", with: "110105194912310021")
            badID = badID.replacingOccurrences(of: "walk_in", with: "群众来访")
            let invalid = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, badID)
            #expect(invalid.status == .unprocessableContent)
            let fields = try Self.json(invalid)["fields"]?.arrayValue?.compactMap { $0.objectValue?["field"]?.stringValue }
            #expect(fields == ["parties[0].id_number"])
            let huge = "{\"event\":\"register\",\"data\":{\"summary\":\"" + String(repeating: "x", count: 11 * 1024 * 1024) + "\"}}"
            let tooLarge = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try Self.json(tooLarge)["type"] == .string("/problems/body-too-large"))
            let unknownWorkflow = try await Self.get(client, "/v1/cases/nope/X1", tokens.clerkDapu)
            #expect(unknownWorkflow.status == .notFound)
            let badYear = try await Self.get(client, "/v1/reports/abc", tokens.supervisor)
            #expect(badYear.status == .badRequest)
        }
    }

    /// Each role against each route: what it may do answers 2xx, what it may not answers 403.
    @Test func theAuthorisationMatrix() async throws {
        try await Self.withAPI("api_matrix") { client, tokens, _ in
            let roles: [(String, String)] = [("clerk", tokens.clerkDapu), ("mediator", tokens.mediator), ("supervisor", tokens.supervisor),
                                             ("auditor", tokens.auditor), ("admin", tokens.admin)]
            let expected: [String: [String: Int]] = [
                "GET /v1/cases": ["clerk": 200, "mediator": 200, "supervisor": 200, "auditor": 200, "admin": 200],
                "POST /v1/cases/dispute": ["clerk": 201, "mediator": 201, "supervisor": 403, "auditor": 403, "admin": 201],
                "POST /v1/cases/review": ["clerk": 201, "mediator": 403, "supervisor": 403, "auditor": 403, "admin": 201],
                "GET /v1/deadlines": ["clerk": 200, "mediator": 200, "supervisor": 200, "auditor": 200, "admin": 200],
                "GET /v1/reports/2025": ["clerk": 403, "mediator": 403, "supervisor": 200, "auditor": 200, "admin": 200],
                "GET /v1/stats/closure?year=2025": ["clerk": 403, "mediator": 403, "supervisor": 200, "auditor": 200, "admin": 200],
                "GET /v1/export": ["clerk": 403, "mediator": 403, "supervisor": 403, "auditor": 200, "admin": 200],
                "POST /v1/import": ["clerk": 403, "mediator": 403, "supervisor": 403, "auditor": 403, "admin": 200],
                "GET /v1/workflows/mediation": ["clerk": 200, "mediator": 200, "supervisor": 200, "auditor": 200, "admin": 200],
            ]
            let review = #"{"event":"receive","at":"2025-03-01T10:00:00+08:00","data":{"respondent":"县某局","act":"处罚","act_date":"2025-02-01","known_date":"2025-02-02","channel":"window","township":"大埔镇","parties":[{"role":"applicant","name":"王某"}]}}"#
            for (route, byRole) in expected.sorted(by: { $0.key < $1.key }) {
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                for (role, token) in roles {
                    let response: TestResponse
                    switch (parts[0], parts[1]) {
                    case ("POST", "/v1/import"):
                        response = try await Self.post(client, parts[1], token, "", [.contentType: "application/x-ndjson"])
                    case ("POST", "/v1/cases/review"):
                        response = try await Self.post(client, parts[1], token, review)
                    case ("POST", _):
                        response = try await Self.post(client, parts[1], token, Self.register)
                    default:
                        response = try await Self.get(client, parts[1], token)
                    }
                    #expect(Int(response.status.code) == byRole[role], "\(role) \(route) → \(response.status.code)")
                }
            }
        }
    }

    @Test func casesPageWithACursor() async throws {
        try await Self.withAPI("api_cursor") { client, tokens, _ in
            for day in 1...5 {
                let body = Self.register.replacingOccurrences(of: "2025-03-02T09:30", with: "2025-03-0\(day)T09:30")
                #expect(try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, body).status == .created)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try Self.json(try await Self.get(client, "/v1/cases?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), tokens.supervisor))
                seen += page["cases"]?.arrayValue?.compactMap { $0.objectValue?["case"]?.stringValue } ?? []
                cursor = page["next_cursor"]?.stringValue
            } while cursor != nil
            #expect(seen == (1...5).reversed().map { "JF-2025-0000\($0)" })
        }
    }
}

extension APITests {
    @Test func anImportOverHTTPWritesOnlyTheTokensCounty() async throws {
        try await Self.withAPI("api_import_county") { client, tokens, db in
            let foreign = #"{"county":"450223","log":"reception","id":"R-X-1","at":"2025-03-02T10:00:00+08:00","data":{"site":"center"}}"#
            let response = try await Self.post(client, "/v1/import", tokens.admin, foreign + "\n", [.contentType: "application/x-ndjson"])
            #expect(response.status == .unprocessableContent)
            #expect(try await LogStore(db).list(county: "450223", kind: nil, year: nil).isEmpty)
            let own = foreign.replacingOccurrences(of: "450223", with: "450222")
            let accepted = try await Self.post(client, "/v1/import", tokens.admin, own + "\n", [.contentType: "application/x-ndjson"])
            #expect(accepted.status == .ok)
        }
    }
}

extension APITests {
    /// The write path enforces the scope in its statements: an opening outside the token's townships
    /// is refused without taking a case number, and an Idempotency-Key replays before anything else
    /// (a retried If-Match request gets its first answer, not a 412).
    @Test func aRefusedOpeningTakesNoNumberAndAKeyedRetryReplays() async throws {
        try await Self.withAPI("api_write_path") { client, tokens, _ in
            let first = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, Self.register)
            #expect(try Self.json(first)["case"] == .string("JF-2025-00001"))
            let elsewhere = try await Self.post(client, "/v1/cases/dispute", tokens.clerkLongtou, Self.register)
            #expect(elsewhere.status == .forbidden)
            let second = try await Self.post(client, "/v1/cases/dispute", tokens.clerkDapu, Self.register)
            #expect(try Self.json(second)["case"] == .string("JF-2025-00002"))
            let key = HTTPField.Name("Idempotency-Key")!
            let escalate = #"{"event":"escalation","at":"2025-03-03T10:00:00+08:00","data":{"kind":"criminal"}}"#
            let once = try await Self.post(client, "/v1/cases/dispute/JF-2025-00001/events", tokens.clerkDapu, escalate,
                                           [key: "retry-1", .ifMatch: "\"1\""])
            let again = try await Self.post(client, "/v1/cases/dispute/JF-2025-00001/events", tokens.clerkDapu, escalate,
                                            [key: "retry-1", .ifMatch: "\"1\""])
            #expect(once.status == .ok && again.status == .ok)
            #expect(again.headers[key] == nil && again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(again.headers[.eTag] == "\"2\"")
            let hidden = try await Self.post(client, "/v1/cases/dispute/JF-2025-00001/events", tokens.clerkLongtou, escalate,
                                             [.ifMatch: "\"2\""])
            #expect(hidden.status == .notFound)
        }
    }
}
