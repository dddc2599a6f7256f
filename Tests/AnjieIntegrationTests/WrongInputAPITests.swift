import AnjieDomain
import AnjieServer
import AnjieStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue 17's wrong input over HTTP: each answer is problem+json with what to fix.
@Suite struct WrongInputAPITests {
    static func problem(_ response: TestResponse) throws -> [String: JSONValue] {
        #expect(response.headers[.contentType] == "application/problem+json")
        return try APITests.json(response)
    }

    @Test func futureTimesMissingCasesAndUnknownFilterValuesAreAnsweredWithWhatToFix() async throws {
        try await APITests.withAPI("api_wrong_input") { client, tokens, _ in
            let future = LocalDate(Date()).adding(days: 2)
            let body = APITests.register.replacingOccurrences(of: "2025-03-02T09:30:00+08:00", with: "\(future)T10:00:00+08:00")
            let refused = try await APITests.post(client, "/v1/cases/dispute", tokens.clerkDapu, body)
            #expect(refused.status == .badRequest)
            let detail = try Self.problem(refused)["detail"]?.stringValue ?? ""
            #expect(detail.contains("\(future)T10:00:00+08:00") && detail.contains("is later than now"), "\(detail)")

            let missing = try await APITests.post(client, "/v1/cases/dispute/JF-2026-00003/events", tokens.clerkDapu,
                                                  #"{"event":"start_mediation","data":{"mediator":"李四"}}"#)
            #expect(missing.status == .notFound)

            let opened = try await APITests.post(client, "/v1/cases/dispute", tokens.clerkDapu, APITests.register)
            #expect(opened.status == .created)
            let number = try APITests.json(opened)["case"]?.stringValue ?? ""
            #expect(try APITests.json(opened)["warnings"] == .array([]))
            let typo = try await APITests.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu,
                                               #"{"event":"start_mediatoin","data":{"mediator":"李四"}}"#)
            #expect(typo.status == .unprocessableContent)
            #expect(try Self.problem(typo)["detail"]?.stringValue?.contains("did you mean start_mediation?") == true)
            _ = try await APITests.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu,
                                        #"{"event":"start_mediation","at":"2025-03-03T09:00:00+08:00","data":{"mediator":"李四"}}"#)

            // 先行调解, percent-encoded as a browser sends it: the Chinese label is a state.
            let label = "先行调解".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let byLabel = try await APITests.get(client, "/v1/cases?state=\(label)", tokens.supervisor)
            #expect(byLabel.status == .ok)
            let listed = try APITests.json(byLabel)
            #expect(listed["total"] == .number(1) && listed["cases"]?.arrayValue?.count == 1, "\(listed)")
            let state = try await APITests.get(client, "/v1/cases?state=mediatng", tokens.supervisor)
            #expect(state.status == .badRequest)
            #expect(try Self.problem(state)["detail"]?.stringValue?.contains("did you mean mediating?") == true)
            let category = try await APITests.get(client, "/v1/cases?category=labour", tokens.supervisor)
            #expect(category.status == .badRequest)
            let kind = try await APITests.get(client, "/v1/deadlines?kind=statutry", tokens.supervisor)
            #expect(kind.status == .badRequest)
            #expect(try Self.problem(kind)["detail"]?.stringValue?.contains("did you mean statutory?") == true)
            let workflow = try await APITests.get(client, "/v1/deadlines?workflow=dispte", tokens.supervisor)
            #expect(workflow.status == .badRequest)
            let zh = "法定".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let statutory = try await APITests.get(client, "/v1/deadlines?kind=\(zh)", tokens.supervisor)
            #expect(statutory.status == .ok)
            let deadlines = try APITests.json(statutory)["deadlines"]?.arrayValue ?? []
            #expect(deadlines.allSatisfy { $0.objectValue?["kind"]?.stringValue == "statutory" })

            let malformed = try await APITests.get(client, "/v1/cases?township=%ZZ", tokens.supervisor)
            #expect(malformed.status == .badRequest)
            #expect(try Self.problem(malformed)["type"]?.stringValue == "/problems/malformed-query")
        }
    }

    @Test func aRouteDueAlreadyPastCarriesItsWarningAndItsDeadlineIsOverdue() async throws {
        try await APITests.withAPI("api_past_due") { client, tokens, _ in
            let body = APITests.register.replacingOccurrences(of: "2025-03-02T09:30:00+08:00", with: "2026-11-02T09:00:00+08:00")
            let opened = try await APITests.post(client, "/v1/cases/dispute", tokens.clerkDapu, body)
            let number = try APITests.json(opened)["case"]?.stringValue ?? ""
            for event in [#"{"event":"skip_mediation","at":"2026-11-03T09:00:00+08:00","data":{"reason":"拒绝调解"}}"#,
                          #"{"event":"assess","at":"2026-11-04T09:00:00+08:00","data":{"risk":"low","complexity":"simple","basis":"一般"}}"#] {
                #expect(try await APITests.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu, event).status == .ok)
            }
            let route = try await APITests.post(client, "/v1/cases/dispute/\(number)/events", tokens.clerkDapu,
                #"{"event":"route","at":"2026-11-25T09:00:00+08:00","data":{"unit":"县人社局","legal_channel":"劳动监察","due":"2026-11-20"}}"#)
            #expect(route.status == .ok)
            let warnings = try APITests.json(route)["warnings"]?.arrayValue ?? []
            #expect(warnings.first?.objectValue?["code"]?.stringValue == "past-due", "\(warnings)")
            let overdue = try await APITests.get(client, "/v1/deadlines?overdue=true", tokens.supervisor)
            let entries = try APITests.json(overdue)["deadlines"]?.arrayValue ?? []
            #expect(entries.contains { $0.objectValue?["case"]?.stringValue == number && $0.objectValue?["kind"]?.stringValue == "centre_set"
                && $0.objectValue?["due"]?.stringValue == "2026-11-20" }, "\(entries)")
            #expect(entries.allSatisfy { $0.objectValue?["kind"]?.stringValue != "advisory" })
        }
    }
}
