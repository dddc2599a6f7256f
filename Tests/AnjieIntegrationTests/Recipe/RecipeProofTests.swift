import AnjieCLI
import AnjieDomain
@testable import AnjieServer
@testable import AnjieStore
import Foundation
import HummingbirdTesting
import PostgresNIO
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
        try await APITests.withAPI("recipe_api") { client, tokens, db in
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
            var category: String?
            for try await value in try await db.client.query("SELECT category FROM cases WHERE workflow = 'probe' AND case_no = \(number)")
                .decode(String?.self) { category = value }
            #expect(category == "neighbour")

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

    static let importLines = [
        #"{"county":"450222","workflow":"probe","case":"SY-2026-00077","event":"lodge","at":"2026-10-12T09:00:00+08:00","actor":"clerk:t","data":{"category":"neighbour","township":"大埔镇"}}"#,
        #"{"county":"450222","workflow":"probe","case":"SY-2026-00077","event":"remind","at":"2026-10-15T09:00:00+08:00","actor":"clerk:t","data":{}}"#,
        #"{"county":"450222","workflow":"probe","case":"SY-2026-00077","event":"answer","at":"2026-10-16T09:00:00+08:00","actor":"clerk:t","data":{"result":"ok"}}"#,
    ]

    @Test func importAndExportRoundTripIt() async throws {
        _ = Self.workflow
        let lines = Self.importLines
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

    @Test func theCLIOffersItsEventsAndRecordsThem() async throws {
        let workflow = Self.workflow
        let root = await AnjieCommand.run(["--help"])
        #expect(root.output.contains("  probe ") && root.output.contains("试验流程：记录事件"))
        let help = await AnjieCommand.run(["probe", "--help"])
        #expect(help.status == 0)
        for event in workflow.events {
            #expect(help.output.contains("\n  \(event.spec.name)  "), "probe --help lacks \(event.spec.name)")
        }
        try await TestDatabase.withFreshDatabase("recipe_cli") { db, _ in
            let common = ["--county", "450222", "--actor", "test:probe", "--format", "json", "--no-input"]
            let lodged = await AnjieCommand.run(["probe", "lodge", "--category", "邻里", "--township", "大埔镇",
                                                 "--at", "2026-11-02 09:00"] + common, database: db)
            #expect(lodged.status == 0, "\(lodged.errors)")
            let record = try JSONDecoder().decode(JSONValue.self, from: Data(lodged.output.utf8)).objectValue ?? [:]
            let number = try #require(record["case"]?.stringValue)
            #expect(record["state"]?.stringValue == "lodged")
            // The statistics column it declares holds the id, not the label typed.
            let rows = try await db.client.query("SELECT category FROM cases WHERE workflow = 'probe' AND case_no = \(number)")
            var category: String?
            for try await value in rows.decode(String?.self) { category = value }
            #expect(category == "neighbour")
            let refused = await AnjieCommand.run(["probe", "lodge", number, "--category", "other", "--township", "大埔镇",
                                                  "--at", "2026-11-03 09:00"] + common, database: db)
            #expect(refused.status == 1)
            #expect(refused.errors.contains("remind") && refused.errors.contains("answer"))
        }
    }

    @Test func theOpenAPIDocumentListsItAndItsEvents() async throws {
        let workflow = Self.workflow
        let schema = try OpenAPITests.workflowSchema(OpenAPIDocument.json)
        #expect(schema.ids.contains("probe"))
        #expect(schema.labels.contains("试验流程"))
        #expect(schema.events["probe"] == workflow.events.map(\.spec.name))
        // The checked-in document is the contract's, without it.
        #expect(!OpenAPIDocument.json(for: Workflows.contract).contains("试验流程"))
    }

    /// An indicator declared over the probe workflow (here, not in the registry, so the report's
    /// published figures stay the contract's) compiles and computes with the report's compiler.
    @Test func aDeclaredIndicatorOverItComputes() async throws {
        _ = Self.workflow
        let answered = Indicator("probe.answered", "答复", unit: "件", section: "试验", definition: "当年答复的试验案件",
                                 published: nil,
                                 .count(.cases(.workflow(ProbeRules.self) && .happened(ProbeRules.self, .answer, in: .year))))
        let neighbourShare = Indicator("probe.neighbour_rate", "邻里占比", unit: "%", section: "试验", definition: "邻里 ÷ 全部",
                                       published: nil,
                                       .rate(decimals: 1, .cases(.workflow(ProbeRules.self) && .column(CaseColumn(ProbeRules.self, "category"), is: "neighbour")),
                                             over: .cases(.workflow(ProbeRules.self) && .openedInYear)))
        let sql = try IndicatorSQL.compile([answered, neighbourShare])
        let path = try ImportExportTests.write(Self.importLines + [
            #"{"county":"450222","workflow":"probe","case":"SY-2026-00078","event":"lodge","at":"2026-10-20T09:00:00+08:00","actor":"clerk:t","data":{"category":"other","township":"大埔镇"}}"#,
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("recipe_indicator") { db, _ in
            #expect(try await Importer(db).run(path: path, dryRun: false).committed)
            let year = try YearBounds.checked(2026)
            var binds = PostgresBindings()
            binds.append("450222")
            binds.append(year.start)
            binds.append(year.end)
            binds.append(String?.none)
            var counts: [String: IndicatorCounts] = [:]
            for try await (id, numerator, denominator) in try await db.client.query(PostgresQuery(unsafeSQL: sql, binds: binds))
                .decode((String, Double, Double?).self) {
                counts[id] = IndicatorCounts(numerator: numerator, denominator: denominator)
            }
            #expect(counts["probe.answered"] == IndicatorCounts(numerator: 1))
            #expect(counts["probe.neighbour_rate"] == IndicatorCounts(numerator: 1, denominator: 2))
            #expect(IndicatorResult(neighbourShare, counts: counts["probe.neighbour_rate"]).formatted == "50.0")
            // The drill-down list comes from the same declaration.
            let condition = try #require(IndicatorSQL.caseCondition(answered.computation.numerator))
            #expect(condition.contains("'probe'") && condition.contains("'answer'"))
        }
    }
}
