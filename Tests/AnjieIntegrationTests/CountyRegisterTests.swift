@testable import AnjieCLI
import AnjieDomain
import AnjieLedger
import AnjieServer
import AnjieStore
import AnjieSynthetic
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

/// Issue 16's "done when" for the county register: a second county set up with `anjie county init`
/// is what every command works on; a township typo is refused with a suggestion on every path.
@Suite struct CountyRegisterTests {
    static let luzhaiCSV = """
        name,code,aliases
        鹿寨镇,,
        中渡镇,,
        寨沙镇,,
        平山镇,,
        黄冕镇,,
        四排镇,,
        江口乡,,
        拉沟乡,,
        导江乡,,
        雒容镇,,雒容

        """

    static func register(_ township: String) -> [String] {
        ["dispute", "register", "--channel", "walk_in", "--category", "neighbour", "--township", township,
         "--summary", "排水沟纠纷", "--party", "role=applicant,name=张三", "--at", "2025-03-02 09:30", "--no-input", "--actor", "test:county"]
    }

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-townships-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func count(_ db: Database, _ sql: String) async throws -> Int {
        try await db.client.query(PostgresQuery(unsafeSQL: sql), logger: db.logger).decode(Int.self).reduce(0, +)
    }

    @Test func aSecondCountySetUpWithCountyInitIsWhatCommandsWorkOn() async throws {
        try await TestDatabase.withFreshDatabase("county_done", county: false) { db, configuration in
            // Nothing registered, no cases: a command that names no county says what to do.
            let lost = await AnjieCommand.run(Self.register("鹿寨镇"), database: db)
            #expect(lost.status == 1 && lost.errors.contains("anjie county init"), "\(lost.errors)")
            let csv = try Self.file(Self.luzhaiCSV)
            defer { try? FileManager.default.removeItem(atPath: csv) }
            let initialised = await AnjieCommand.run(["county", "init", "450223", "--name", "鹿寨县", "--townships", csv], database: db)
            #expect(initialised.status == 0 && initialised.output.contains("鹿寨县（450223）"), "\(initialised.errors)")
            // Idempotent: a deployment runs it on every start.
            let again = await AnjieCommand.run(["county", "init", "450223", "--name", "鹿寨县", "--townships", csv], database: db)
            #expect(again.status == 0 && again.output.contains("nothing changed"), "\(again.output)\(again.errors)")

            // The only county: no --county needed.
            let first = await AnjieCommand.run(Self.register("雒容"), database: db)
            #expect(first.status == 0 && first.output.contains("JF-2025-00001"), "\(first.errors)")
            // A second county: now one must be the default, or named.
            #expect(await AnjieCommand.run(["county", "init", "450222", "--name", "柳城县"], database: db).status == 0)
            let ambiguous = await AnjieCommand.run(Self.register("鹿寨镇"), database: db)
            #expect(ambiguous.status == 1 && ambiguous.errors.contains("柳城县（450222）、鹿寨县（450223）"), "\(ambiguous.errors)")
            #expect(await AnjieCommand.run(["county", "init", "450223", "--name", "鹿寨县", "--default"], database: db).status == 0)
            let second = await AnjieCommand.run(Self.register("鹿寨镇"), database: db)
            #expect(second.status == 0 && second.output.contains("JF-2025-00002"), "\(second.errors)")

            // A typo: refused with the suggestion, in both languages, nothing written.
            let typo = await AnjieCommand.run(Self.register("雒容真"), database: db)
            #expect(typo.status == 1 && typo.errors.contains("是否为：雒容镇？") && typo.errors.contains("did you mean 雒容镇?"), "\(typo.errors)")
            #expect(try await Self.count(db, "SELECT count(*)::int FROM events") == 2)
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases WHERE county = '450223' AND township = '雒容镇'") == 1)

            let list = await AnjieCommand.run(["case", "list"], database: db)
            #expect(list.status == 0 && list.output.contains("鹿寨县（450223）") && list.output.contains("JF-2025-00002"), "\(list.output)\(list.errors)")
            let report = await AnjieCommand.run(["report", "--year", "2025"], database: db)
            #expect(report.status == 0 && report.output.contains("鹿寨县（450223）"), "\(report.errors)")
            let export = try AnjieProcess.run(["export"], database: configuration)
            #expect(export.status == 0 && export.stdout.split(separator: "\n").count == 2
                    && export.stdout.contains(#""county":"450223""#) && export.stdout.contains(#""township":"雒容镇""#), "\(export.stderr)")

            // Tokens of both counties, with a county column; a token's scope takes registered names.
            #expect(await AnjieCommand.run(["token", "create", "--name", "lz", "--role", "clerk", "--township", "雒容"], database: db).status == 0)
            #expect(await AnjieCommand.run(["token", "create", "--name", "lc", "--role", "clerk", "--county", "450222"], database: db).status == 0)
            let tokens = await AnjieCommand.run(["token", "list"], database: db)
            #expect(tokens.status == 0 && tokens.output.contains("县 county"), "\(tokens.output)")
            #expect(tokens.output.contains("450222") && tokens.output.contains("450223") && tokens.output.contains("雒容镇"), "\(tokens.output)")
        }
    }

    @Test func checkListsUnregisteredValuesAndLoadingAliasesMapsThem() async throws {
        try await TestDatabase.withFreshDatabase("county_check") { db, _ in
            // Recorded before any register (accepted as typed): two typos of 大埔镇.
            for township in ["大埔镇", "大浦镇", "大浦镇", "雒容真"] {
                let run = await AnjieCommand.run(Self.register(township) + ["--county", "450222"], database: db)
                #expect(run.status == 0, "\(run.errors)")
            }
            let plain = try Self.file("name,code,aliases\n大埔镇,,\n龙头镇,,\n")
            let aliased = try Self.file("name,code,aliases\n大埔镇,,大浦镇\n龙头镇,,\n")
            defer { [plain, aliased].forEach { try? FileManager.default.removeItem(atPath: $0) } }
            #expect(await AnjieCommand.run(["county", "townships", "load", plain], database: db).status == 0)
            let check = await AnjieCommand.run(["county", "townships", "check", "--format", "json"], database: db)
            #expect(check.status == 1)
            let found = try JSONDecoder().decode([[String: JSONValue]].self, from: Data(check.output.utf8))
            #expect(found.map { $0["township"]?.stringValue } == ["大浦镇", "雒容真"], "\(check.output)")
            #expect(found.first?["cases"] == .number(2) && found.first?["suggestions"] == .array([.string("大埔镇")]))
            // Checked against a file: how loading its aliases would map them.
            let preview = await AnjieCommand.run(["county", "townships", "check", aliased], database: db)
            #expect(preview.output.contains("大浦镇") && preview.output.contains("2") && preview.output.contains("大埔镇"), "\(preview.output)")
            let load = await AnjieCommand.run(["county", "townships", "load", aliased], database: db)
            #expect(load.status == 0 && load.output.contains("2 件案件"), "\(load.output)\(load.errors)")
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases WHERE township = '大埔镇'") == 3)
            // A file with a bad row: every problem listed, nothing written.
            let bad = try Self.file("name,code,aliases\n大埔镇,1,\n龙头镇,,大埔镇\n")
            defer { try? FileManager.default.removeItem(atPath: bad) }
            let refused = await AnjieCommand.run(["county", "townships", "load", bad], database: db)
            #expect(refused.status == 1 && refused.errors.contains("row 2") && refused.errors.contains("row 3"), "\(refused.errors)")
            let still = await AnjieCommand.run(["county", "townships", "list", "--format", "json"], database: db)
            #expect(still.output.contains("大浦镇"), "\(still.output)")
        }
    }

    @Test func theAPIAndTheImportRefuseAnUnknownTownshipWithTheSuggestion() async throws {
        try await TestDatabase.withFreshDatabase("county_api") { db, _ in
            let register = try TownshipFile.read(Array(Self.luzhaiCSV.utf8), county: "450223")
            try await CountyStore(db).initialize(code: "450223", name: "鹿寨县", makeDefault: false, townships: register)
            let token = try await TokenStore(db).create(county: "450223", name: "lz-clerk", role: .clerk, townships: []).token
            var logger = Logger(label: "test")
            logger.logLevel = .error
            let app = Application(router: buildRouter(db: db, logger: logger, metrics: nil))
            try await app.test(.router) { client in
                let body = #"{"event":"register","at":"2025-03-02T09:30:00+08:00","data":{"channel":"walk_in","category":"neighbour","township":"雒容真","summary":"s","parties":[{"role":"applicant","name":"张三"}]}}"#
                let refused = try await APITests.post(client, "/v1/cases/dispute", token, body)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.headers[.contentType] == "application/problem+json")
                let text = String(buffer: refused.body)
                #expect(text.contains("did you mean 雒容镇?") && text.contains("雒容镇？"), "\(text)")
                let accepted = try await APITests.post(client, "/v1/cases/dispute", token, body.replacingOccurrences(of: "雒容真", with: "雒容"))
                #expect(accepted.status == .created)
            }
            // The importer: the same refusal by line, nothing written; an alias stored as the name.
            let lines = """
                {"county":"450223","workflow":"dispute","case":"JF-2025-00101","event":"register","at":"2025-03-02T09:30:00+08:00","data":{"channel":"walk_in","category":"neighbour","township":"雒容","summary":"s","parties":[{"role":"applicant","name":"张三"}]}}
                {"county":"450223","workflow":"dispute","case":"JF-2025-00102","event":"register","at":"2025-03-02T09:30:00+08:00","data":{"channel":"walk_in","category":"neighbour","township":"大浦镇","summary":"s","parties":[{"role":"applicant","name":"张三"}]}}

                """
            let path = try Self.file(lines)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let before = try await Self.count(db, "SELECT count(*)::int FROM events")
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(report.errors.map(\.line) == [2] && report.errors.first?.en.contains("township 大浦镇") == true, "\(report.errors)")
            #expect(try await Self.count(db, "SELECT count(*)::int FROM events") == before)
            let fixed = try Self.file(lines.replacingOccurrences(of: "大浦镇", with: "鹿寨镇"))
            defer { try? FileManager.default.removeItem(atPath: fixed) }
            let imported = try await Importer(db).run(path: fixed, dryRun: false)
            #expect(imported.errors.isEmpty && imported.eventsWritten == 2, "\(imported.errors)")
            #expect(try await Self.count(db, "SELECT count(*)::int FROM cases WHERE case_no = 'JF-2025-00101' AND township = '雒容镇'") == 1)
        }
    }

    @Test func theShippedRegisterOfLiuchengIsTheDemosTwelveTownships() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Deploy/townships-450222.csv"))
        let register = try TownshipFile.read(Array(bytes), county: County.liuchengCode)
        #expect(register.names.sorted() == County.liuchengTownships.sorted())
    }
}
