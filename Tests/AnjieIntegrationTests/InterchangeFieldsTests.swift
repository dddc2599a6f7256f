import AnjieDomain
import AnjieStore
import Foundation
import Testing

/// Issue 16: files from other systems carry fields the contract now names — `reason` on
/// `extend`/`object`/`convert_procedure`, `certificate_no` on notarisation `issue`, `summary` on
/// admin-mediation `accept`, `agreement` on its `agree`, `population` on legal-aid `notify`, the
/// notarisation `booked` flag (and the old `service: appointment`), and a repeated implied outcome.
@Suite struct InterchangeFieldsTests {
    static let person = #"[{"role":"applicant","kind":"person","name":"张三"}]"#

    static let lines = [
        #"{"county":"450222","workflow":"review","case":"FY-2025-00901","event":"receive","at":"2025-03-03T09:00:00+08:00","actor":"x","data":{"respondent":"县市场监管局","act":"行政处罚","act_date":"2025-02-01","known_date":"2025-02-02","channel":"walk_in","parties":\#(person)}}"#,
        #"{"county":"450222","workflow":"review","case":"FY-2025-00901","event":"accept","at":"2025-03-04T09:00:00+08:00","actor":"x","data":{"procedure":"simplified"}}"#,
        #"{"county":"450222","workflow":"review","case":"FY-2025-00901","event":"convert_procedure","at":"2025-03-05T09:00:00+08:00","actor":"x","data":{"to":"ordinary","reason":"案情复杂"}}"#,
        #"{"county":"450222","workflow":"review","case":"FY-2025-00901","event":"extend","at":"2025-04-20T09:00:00+08:00","actor":"x","data":{"days":30,"reason":"情况复杂，经负责人批准"}}"#,
        #"{"county":"450222","workflow":"legal_aid","case":"YZ-2025-00901","event":"apply","at":"2025-03-03T09:00:00+08:00","actor":"x","data":{"case_type":"civil","matter":"劳动报酬","parties":\#(person)}}"#,
        #"{"county":"450222","workflow":"legal_aid","case":"YZ-2025-00901","event":"deny","at":"2025-03-05T09:00:00+08:00","actor":"x","data":{"reason":"不符合经济困难标准"}}"#,
        #"{"county":"450222","workflow":"legal_aid","case":"YZ-2025-00901","event":"object","at":"2025-03-06T09:00:00+08:00","actor":"x","data":{"reason":"收入证明有误"}}"#,
        #"{"county":"450222","workflow":"legal_aid","case":"YZ-2025-00902","event":"notify","at":"2025-03-03T09:00:00+08:00","actor":"x","data":{"by":"court","case_type":"criminal","matter":"刑事辩护","parties":\#(person),"population":["minor"]}}"#,
        #"{"county":"450222","workflow":"notarization","case":"GZ-2025-00901","event":"apply","at":"2025-03-03T09:00:00+08:00","actor":"x","data":{"matter":"遗嘱公证","service":"home_visit","booked":true,"fee_waived":true,"parties":\#(person)}}"#,
        #"{"county":"450222","workflow":"notarization","case":"GZ-2025-00901","event":"accept","at":"2025-03-03T10:00:00+08:00","actor":"x","data":{}}"#,
        #"{"county":"450222","workflow":"notarization","case":"GZ-2025-00901","event":"issue","at":"2025-03-10T10:00:00+08:00","actor":"x","data":{"certificate_no":"（2025）桂柳城证字第123号"}}"#,
        #"{"county":"450222","workflow":"notarization","case":"GZ-2025-00902","event":"apply","at":"2025-03-03T09:00:00+08:00","actor":"x","data":{"matter":"委托书公证","service":"appointment","parties":\#(person)}}"#,
        #"{"county":"450222","workflow":"admin_mediation","case":"XZTJ-2025-00901","event":"accept","at":"2025-03-03T09:00:00+08:00","actor":"x","data":{"stage":"pre_litigation","township":"大埔镇","summary":"征收补偿争议","parties":\#(person)}}"#,
        #"{"county":"450222","workflow":"admin_mediation","case":"XZTJ-2025-00901","event":"agree","at":"2025-03-20T09:00:00+08:00","actor":"x","data":{"agreement":"和解协议"}}"#,
        #"{"county":"450222","workflow":"dispute","case":"JF-2025-00901","event":"register","at":"2025-03-03T09:00:00+08:00","actor":"x","data":{"channel":"walk_in","category":"neighbour","township":"大埔镇","summary":"排水","parties":\#(person)}}"#,
        #"{"county":"450222","workflow":"dispute","case":"JF-2025-00901","event":"start_mediation","at":"2025-03-03T10:00:00+08:00","actor":"x","data":{"mediator":"王"}}"#,
        #"{"county":"450222","workflow":"dispute","case":"JF-2025-00901","event":"mediation_succeeded","at":"2025-03-04T10:00:00+08:00","actor":"x","data":{"agreement":"written","outcome":"resolved"}}"#,
    ]

    static func count(_ db: Database, _ table: String) async throws -> Int { try await ImportExportTests.count(db, table) }

    @Test func aFileWithEveryNewFieldImportsAndReimportWritesNothing() async throws {
        let path = try ImportExportTests.write(Self.lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("interchange_fields") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(report.errors.isEmpty, "\(report.errors.map(\.en))")
            #expect(report.eventsWritten == Self.lines.count)
            // The implied outcome is not stored twice; the old appointment reads as a booked window matter.
            let detail = try await CaseStore(db).show(county: "450222", workflow: .dispute, caseNumber: "JF-2025-00901")
            #expect(detail.events.last?.data["outcome"] == nil && detail.summary.outcome == "resolved")
            var booked: [String] = []
            for try await row in try await db.client.query(
                "SELECT case_no || ':' || service || ':' || booked::text FROM cases WHERE workflow = 'notarization' ORDER BY case_no")
                .decode(String.self) { booked.append(row) }
            #expect(booked == ["GZ-2025-00901:home_visit:true", "GZ-2025-00902:window:true"])
            let events = try await Self.count(db, "events")
            let again = try await Importer(db).run(path: path, dryRun: false)
            #expect(again.eventsWritten == 0 && again.duplicatesSkipped == Self.lines.count)
            #expect(try await Self.count(db, "events") == events)
        }
    }

    @Test func anUnknownFieldOrAContradictingOutcomeIsRefusedByLineAndNothingIsWritten() async throws {
        var bad = Self.lines
        bad[3] = bad[3].replacingOccurrences(of: #""reason":"#, with: #""reasn":"#)
        bad[16] = bad[16].replacingOccurrences(of: #""outcome":"resolved""#, with: #""outcome":"withdrawn""#)
        let path = try ImportExportTests.write(bad)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("interchange_unknown") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(!report.committed)
            let unknown = try #require(report.errors.first { $0.line == 4 })
            #expect(unknown.en.contains("reasn") && unknown.en.contains("days") && unknown.en.contains("reason"))
            let outcome = try #require(report.errors.first { $0.line == 17 })
            #expect(outcome.en.contains("resolved") && outcome.en.contains("withdrawn"))
            #expect(try await Self.count(db, "events") == 0)
        }
    }
}
