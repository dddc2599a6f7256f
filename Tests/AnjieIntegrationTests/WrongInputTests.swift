@testable import AnjieCLI
import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation
import Testing

/// Issue 17's wrong input, each with the answer it should get (CLI in process; the API's in
/// WrongInputAPITests): future times, a mistyped case number, event name or filter value, a page of
/// a long listing, a short phone number, and a centre-set deadline already past when recorded.
@Suite struct WrongInputTests {
    static let county = ["--county", "450222", "--actor", "test:wrong-input"]

    static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// A dispute registered (2026-11-02), assessed and routed with a `due` already past (2026-11-20
    /// when recorded on 2026-11-25): its case number and the route's output.
    static func routedPastDue(_ db: Database) async throws -> (number: String, route: CLIRun) {
        let register = await AnjieCommand.run(["dispute", "register", "--channel", "walk_in", "--category", "劳动争议", "--township", "大埔镇",
                                               "--summary", "拖欠工资", "--party", "role=applicant,name=张三,phone=0771-5550123",
                                               "--at", "2026-11-02 09:00", "--no-input", "--format", "json"] + county, database: db)
        #expect(register.status == 0, "\(register.errors)")
        let number = try #require(Self.parse(register.output)?.objectValue?["case"]?.stringValue)
        for words in [["skip-mediation", number, "--reason", "当事人拒绝调解", "--at", "2026-11-03 09:00"],
                      ["assess", number, "--risk", "low", "--complexity", "simple", "--basis", "一般劳资纠纷", "--at", "2026-11-04 09:00"]] {
            let run = await AnjieCommand.run(["dispute"] + words + ["--no-input"] + county, database: db)
            #expect(run.status == 0, "\(words[0]): \(run.errors)")
        }
        let route = await AnjieCommand.run(["dispute", "route", number, "--unit", "县人社局", "--legal-channel", "劳动监察",
                                            "--due", "2026-11-20", "--at", "2026-11-25 09:00", "--no-input"] + county, database: db)
        return (number, route)
    }

    @Test func aFutureTimeIsRefusedNamingBothTimes() async throws {
        try await TestDatabase.withFreshDatabase("wrong_future") { db, _ in
            let tomorrow = LocalDate(Date()).adding(days: 1)
            var words = BadInputCorpus.cliValidRegister + Self.county
            words[words.firstIndex(of: "2025-03-02 09:30")!] = "\(tomorrow) 10:00"
            let run = await AnjieCommand.run(words, database: db)
            #expect(run.status == 1)
            #expect(run.errors.contains("晚于当前时间") && run.errors.contains("is later than now"), "\(run.errors)")
            #expect(run.errors.contains("\(tomorrow)T10:00:00+08:00") && run.errors.contains("\(LocalDate(Date()))T"), "\(run.errors)")
            // The engine's own path refuses it too, whoever calls it.
            await #expect(throws: DomainError.self) {
                try await CaseStore(db).record(EventEngineTests.request(nil, "register", EventEngineTests.register,
                                                                         at: "\(tomorrow.adding(days: 400))"))
            }
            // Five minutes of a fast clock are tolerated; a bare date today is noon or now, never ahead.
            #expect(!Timestamp.isFuture(Date().addingTimeInterval(4 * 60), now: Date()))
            #expect(Timestamp.isFuture(Date().addingTimeInterval(6 * 60), now: Date()))
            let today = try #require(Timestamp.parse("\(LocalDate(Date()))"))
            #expect(today <= Date().addingTimeInterval(1))
            #expect(Timestamp.parse("2025-03-02") == LocalDate(year: 2025, month: 3, day: 2)!.noon)
            let count = try await db.client.query("SELECT count(*) FROM events", logger: db.logger).decode(Int.self).reduce(0, +)
            #expect(count == 0)
        }
    }

    @Test func auditVerifyListsStoredFutureTimesAndSaysACorrectionFixesThem() async throws {
        try await TestDatabase.withFreshDatabase("wrong_audit_future") { db, _ in
            try await CaseStore(db).record(EventEngineTests.request(nil, "register", EventEngineTests.register, at: "2025-03-02"))
            // Seen from a clock a day earlier, the stored event lies in the future.
            let findings = try await AuditService(db).futureTimes(county: "450222", now: LocalDate(year: 2025, month: 3, day: 1)!.noon)
            #expect(findings.count == 1)
            let finding = try #require(findings.first)
            #expect(finding.seq == 1 && finding.caseNumber == "JF-2025-00001")
            #expect(finding.zh.contains("2025-03-02T12:00:00+08:00") && finding.zh.contains("2025-03-01T12:00:00+08:00"))
            #expect(finding.en.contains("a correction fixes it") && finding.en.contains("anjie case correct dispute JF-2025-00001 --seq 1"))
            #expect(try await AuditService(db).verify(county: "450222").findings.isEmpty)
        }
    }

    @Test func anEventOnAMissingCaseIsCaseNotFound() async throws {
        try await TestDatabase.withFreshDatabase("wrong_missing") { db, _ in
            let run = await AnjieCommand.run(["dispute", "start-mediation", "JF-2026-00003", "--mediator", "李四", "--no-input"] + Self.county,
                                             database: db)
            #expect(run.status == 4, "\(run.errors)")
            #expect(run.errors.contains("找不到案件 dispute JF-2026-00003") && run.errors.contains("no dispute case JF-2026-00003"))
            #expect(!run.errors.contains("does not allow"))
            // An opening event with a number names a new case, as before.
            var words = BadInputCorpus.cliValidRegister + Self.county
            words.insert("JF-2025-00777", at: 2)
            let opened = await AnjieCommand.run(words, database: db)
            #expect(opened.status == 0, "\(opened.errors)")
            // Interactive entry looks the case up before it asks any field.
            let info = try #require(Workflows[.dispute]?.event(named: "start-mediation"))
            var arguments = try EventArguments(["start-mediation", "JF-2026-00003"], workflow: Workflows[.dispute]!)
            arguments.county = "450222"
            let asked = arguments
            let checked = await CLIOutput.$current.withValue(CLIOutput(output: { _ in }, error: { _ in })) {
                await InProcessRun.$database.withValue(db) { () -> Int32? in
                    do {
                        try await EventPrompter.checkCaseExists(asked, event: info, workflow: .dispute, county: "450222")
                        return nil
                    } catch let code as ExitCode {
                        return code.rawValue
                    } catch {
                        return -1
                    }
                }
            }
            #expect(checked == 4)
        }
    }

    @Test func aMistypedEventNameGetsADidYouMean() async throws {
        let run = await AnjieCommand.run(["dispute", "start-mediatoin", "JF-2026-00003"])
        #expect(run.status == 1)
        #expect(run.errors.contains("did you mean start-mediation?") && run.errors.contains("您是否要找 start-mediation"), "\(run.errors)")
        let workflow = await AnjieCommand.run(["case", "list", "--workflow", "dispte"])
        #expect(workflow.status == 1 && workflow.errors.contains("did you mean dispute?"), "\(workflow.errors)")
    }

    @Test func filtersTakeLabelsRefuseUnknownValuesAndPageWithTheTrueTotal() async throws {
        try await TestDatabase.withFreshDatabase("wrong_filters") { db, _ in
            for index in 1...3 {
                var words = BadInputCorpus.cliValidRegister + Self.county
                words[words.firstIndex(of: "2025-03-02 09:30")!] = "2025-03-0\(index) 09:30"
                if index == 3 { words[words.firstIndex(of: "neighbour")!] = "labor" }
                #expect(await AnjieCommand.run(words, database: db).status == 0)
            }
            let mediation = await AnjieCommand.run(["dispute", "start-mediation", "JF-2025-00001", "--mediator", "李四", "--at", "2025-03-05",
                                                    "--no-input"] + Self.county, database: db)
            #expect(mediation.status == 0, "\(mediation.errors)")

            let byLabel = await AnjieCommand.run(["case", "list", "--state", "先行调解", "--county", "450222"], database: db)
            #expect(byLabel.status == 0 && byLabel.output.contains("JF-2025-00001") && byLabel.output.contains("共 1 件"), "\(byLabel.output)")
            let typo = await AnjieCommand.run(["case", "list", "--state", "mediatng", "--county", "450222"], database: db)
            #expect(typo.status == 1 && typo.output.isEmpty)
            #expect(typo.errors.contains("did you mean mediating?") && typo.errors.contains("registered 登记受理"), "\(typo.errors)")

            let category = await AnjieCommand.run(["case", "list", "--category", "劳动争议", "--county", "450222"], database: db)
            #expect(category.status == 0 && category.output.contains("JF-2025-00003") && !category.output.contains("JF-2025-00001"))
            let badCategory = await AnjieCommand.run(["case", "list", "--category", "labour", "--county", "450222"], database: db)
            #expect(badCategory.status == 1 && badCategory.errors.contains("did you mean labor?"), "\(badCategory.errors)")

            let first = await AnjieCommand.run(["case", "list", "--limit", "2", "--county", "450222"], database: db)
            #expect(first.output.contains("共 3 件，显示第 1–2 件") && first.output.contains("--offset 2"), "\(first.output)")
            let second = await AnjieCommand.run(["case", "list", "--limit", "2", "--offset", "2", "--county", "450222"], database: db)
            #expect(second.output.contains("共 3 件，显示第 3–3 件") && second.output.contains("JF-2025-00001"), "\(second.output)")

            let kind = await AnjieCommand.run(["deadlines", "--kind", "法定x", "--county", "450222"], database: db)
            #expect(kind.status == 1 && kind.errors.contains("statutory 法定期限"), "\(kind.errors)")
            let by = await AnjieCommand.run(["stats", "overdue", "--by", "townhip", "--county", "450222"], database: db)
            #expect(by.status == 1 && by.errors.contains("did you mean township?"), "\(by.errors)")
        }
    }

    @Test func aShortPhoneNumberIsRefused() async throws {
        try await TestDatabase.withFreshDatabase("wrong_phone") { db, _ in
            var words = BadInputCorpus.cliValidRegister + Self.county
            words[words.firstIndex(of: "role=applicant,name=张三")!] = "role=applicant,name=张三,phone=1387700"
            let run = await AnjieCommand.run(words, database: db)
            #expect(run.status == 1 && run.errors.contains("parties[0].phone"), "\(run.errors)")
            for good in ["13877001234", "138 7700 1234", "+86 138-7700-1234", "0771-5550123", "(0771)5550123", "010-12345678"] {
                #expect(PartyValidatorProbe.accepts(good), "\(good)")
            }
            for bad in ["1387700", "12345678901", "5550123", "0771-555", "+1 2025550123", "abc"] {
                #expect(!PartyValidatorProbe.accepts(bad), "\(bad)")
            }
        }
    }

    @Test func aRouteDueAlreadyPastIsRecordedWithAWarningAndListedOverdue() async throws {
        try await TestDatabase.withFreshDatabase("wrong_past_due") { db, _ in
            let (number, route) = try await Self.routedPastDue(db)
            #expect(route.status == 0, "\(route.errors)")
            #expect(route.output.contains("⚠") && route.output.contains("2026-11-20") && route.output.contains("overdue at once"), "\(route.output)")

            let overdue = await AnjieCommand.run(["deadlines", "--overdue", "--today", "2026-12-04", "--county", "450222"], database: db)
            #expect(overdue.status == 0)
            let line = try #require(overdue.output.split(separator: "\n").first { $0.contains(number) }, "\(overdue.output)")
            #expect(line.contains("2026-11-20") && line.contains("交办/督办期限") && line.contains("责任单位办理期限"))
            let byKind = await AnjieCommand.run(["deadlines", "--kind", "交办", "--today", "2026-12-04", "--county", "450222",
                                                 "--format", "json"], database: db)
            let entries = try #require(Self.parse(byKind.output)?.arrayValue)
            #expect(!entries.isEmpty && entries.allSatisfy { $0.objectValue?["kind"]?.stringValue == "centre_set" })
            let advisory = await AnjieCommand.run(["deadlines", "--overdue", "--kind", "advisory", "--today", "2026-12-04",
                                                   "--county", "450222"], database: db)
            #expect(advisory.status == 0 && !advisory.output.contains(number))
            let stats = await AnjieCommand.run(["stats", "overdue", "--by", "kind", "--today", "2026-12-04", "--county", "450222",
                                                "--format", "json"], database: db)
            let groups = try #require(Self.parse(stats.output)?.arrayValue)
            #expect(groups.contains { $0.objectValue?["group"]?.stringValue == "centre_set 交办/督办期限"
                && $0.objectValue?["overdue"]?.numberValue == 1 }, "\(stats.output)")
        }
    }
}

/// The party validator as the event validator runs it, for one phone number.
enum PartyValidatorProbe {
    static func accepts(_ phone: String) -> Bool {
        let spec = EventSpec("party", "当事人", [FieldSpec("parties", "当事人", .parties)])
        let party: JSONValue = .object(["role": .string("applicant"), "name": .string("张三"), "phone": .string(phone)])
        return (try? FieldValidator.normalize(["parties": .array([party])], spec: spec, on: LocalDate(year: 2025, month: 1, day: 1)!)) != nil
    }
}
