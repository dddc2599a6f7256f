import AnjieCLI
import AnjieDomain
import AnjieStore
import Foundation
import PostgresNIO
import Testing

/// Corrections (issue 17): a mistyped time, township and amount corrected, a void of an event on the
/// wrong case, a correction that would break a rule refused — and state, deadlines, figures and
/// `audit verify` follow the corrected history while the corrected event stays in the log.
@Suite struct CorrectionTests {
    static let county = "450222"

    static func record(_ db: Database, _ workflow: WorkflowID, _ number: String?, _ event: String, _ data: EventData,
                       at: String) async throws -> RecordedEvent {
        try await CaseStore(db).record(EventRequest(county: county, workflow: workflow, caseNumber: number, event: event, data: data,
                                                    at: Timestamp.parse(at)!, actor: "test:clerk"))
    }

    static func correct(_ db: Database, _ workflow: WorkflowID, _ number: String, _ data: EventData) async throws -> RecordedEvent {
        try await CaseStore(db).record(EventRequest(county: county, workflow: workflow, caseNumber: number, event: Correction.event,
                                                    data: data, at: Date(), actor: "test:supervisor"))
    }

    static let register: EventData = [
        "channel": .string("walk_in"), "category": .string("neighbour"), "township": .string("大埔镇"),
        "summary": .string("排水沟"), "parties": .array([.object(["role": .string("applicant"), "kind": .string("person"),
                                                                 "name": .string("张三"), "id_number": .string("11010519491231002X")])]),
        "amount": .number(5000),
    ]

    static func column(_ db: Database, _ sql: String) async throws -> String? {
        for try await value in try await db.client.query(PostgresQuery(unsafeSQL: sql)).decode(String?.self) { return value }
        return nil
    }

    @Test func aMistypedTimeTownshipAndAmountAreCorrectedAndEverythingFollows() async throws {
        try await TestDatabase.withFreshDatabase("correct_fix") { db, _ in
            let opened = try await Self.record(db, .dispute, nil, "register", Self.register, at: "2025-12-31T10:00:00+08:00")
            let number = opened.summary.caseNumber
            let report2025 = try await ReportService(db).report(county: Self.county, year: 2025)
            #expect(report2025.results.first { $0.indicator.id == "center.disputes" }?.counts?.numerator == 1)

            // The register was really on 2 January 2026: the case moves to 2026's figures.
            let moved = try await Self.correct(db, .dispute, number, ["seq": .number(1), "reason": .string("登记日期录错"),
                                                                      "at": .string("2026-01-02T10:00:00+08:00")])
            #expect(moved.summary.version == 2 && moved.summary.state == "registered")
            #expect(Timestamp.format(moved.summary.openedAt) == "2026-01-02T10:00:00+08:00")
            #expect(try await ReportService(db).report(county: Self.county, year: 2025).results
                .first { $0.indicator.id == "center.disputes" }?.counts?.numerator == 0)
            #expect(try await ReportService(db).report(county: Self.county, year: 2026).results
                .first { $0.indicator.id == "center.disputes" }?.counts?.numerator == 1)

            // Township and amount: the case row's statistics columns follow.
            _ = try await Self.correct(db, .dispute, number, ["seq": .number(1), "reason": .string("乡镇录错"),
                                                             "data": .object(["township": .string("龙头镇"), "amount": .number(8000)])])
            #expect(try await Self.column(db, "SELECT township FROM cases WHERE case_no = '\(number)'") == "龙头镇")
            #expect(try await Self.column(db, "SELECT (amount = 8000)::text FROM cases WHERE case_no = '\(number)'") == "true")

            // The corrected events stay in the log, shown with their corrections; the chain is intact.
            let detail = try await CaseStore(db).show(county: Self.county, workflow: .dispute, caseNumber: number)
            #expect(detail.events.map(\.event) == ["register", "correct", "correct"])
            #expect(detail.events[0].data["township"]?.stringValue == "大埔镇")
            let json = RecordJSON.detail(detail).objectValue?["events"]?.arrayValue?.first?.objectValue
            #expect(json?["corrected_by"]?.arrayValue?.count == 2)
            let audit = try await AuditService(db).verify(county: Self.county)
            #expect(audit.findings.isEmpty, "\(audit.findings)")
        }
    }

    @Test func deadlinesFollowACorrectedDueDate() async throws {
        try await TestDatabase.withFreshDatabase("correct_due") { db, _ in
            let number = try await Self.record(db, .dispute, nil, "register", Self.register, at: "2026-11-02T09:00:00+08:00").summary.caseNumber
            _ = try await Self.record(db, .dispute, number, "skip_mediation", ["reason": .string("x")], at: "2026-11-02T10:00:00+08:00")
            _ = try await Self.record(db, .dispute, number, "assess", ["risk": .string("low"), "complexity": .string("simple"),
                                                                       "basis": .string("x")], at: "2026-11-02T11:00:00+08:00")
            _ = try await Self.record(db, .dispute, number, "route", ["unit": .string("县司法局"), "legal_channel": .string("调解"),
                                                                      "due": .string("2026-11-20")], at: "2026-11-03T09:00:00+08:00")
            func due() async throws -> String? {
                let open = try await DeadlineService(db).open(.init(county: Self.county, workflow: .dispute, township: nil),
                                                              today: LocalDate.parse("2026-11-25")!)
                return open.entries.first { $0.caseNumber == number && $0.clock.id == "unit_handling" }?.clock.due.description
            }
            #expect(try await due() == "2026-11-20")
            _ = try await Self.correct(db, .dispute, number, ["seq": .number(4), "reason": .string("期限录错"),
                                                             "data": .object(["due": .string("2026-11-30")])])
            #expect(try await due() == "2026-11-30")
        }
    }

    @Test func anEventOnTheWrongCaseIsVoidedAndABreakingCorrectionIsRefused() async throws {
        try await TestDatabase.withFreshDatabase("correct_void") { db, _ in
            let a = try await Self.record(db, .dispute, nil, "register", Self.register, at: "2026-10-02T09:00:00+08:00").summary.caseNumber
            let b = try await Self.record(db, .dispute, nil, "register", Self.register, at: "2026-10-02T09:30:00+08:00").summary.caseNumber
            // start_mediation meant for A, recorded on B.
            _ = try await Self.record(db, .dispute, b, "start_mediation", ["mediator": .string("王")], at: "2026-10-03T09:00:00+08:00")
            let voided = try await Self.correct(db, .dispute, b, ["seq": .number(2), "reason": .string("记到了错误的案件"), "void": .bool(true)])
            #expect(voided.summary.state == "registered")
            #expect(voided.allowedEvents.contains("start_mediation"))
            _ = try await Self.record(db, .dispute, a, "start_mediation", ["mediator": .string("王")], at: "2026-10-03T09:00:00+08:00")

            // A: skip → assess → route; voiding the assess would leave a route without one.
            let c = try await Self.record(db, .dispute, nil, "register", Self.register, at: "2026-10-05T09:00:00+08:00").summary.caseNumber
            _ = try await Self.record(db, .dispute, c, "skip_mediation", ["reason": .string("x")], at: "2026-10-05T10:00:00+08:00")
            _ = try await Self.record(db, .dispute, c, "assess", ["risk": .string("low"), "complexity": .string("simple"),
                                                                  "basis": .string("x")], at: "2026-10-05T11:00:00+08:00")
            _ = try await Self.record(db, .dispute, c, "route", ["unit": .string("县司法局"), "legal_channel": .string("调解"),
                                                                 "due": .string("2026-10-30")], at: "2026-10-06T09:00:00+08:00")
            let breaking = await #expect(throws: DomainError.self) {
                _ = try await Self.correct(db, .dispute, c, ["seq": .number(3), "reason": .string("x"), "void": .bool(true)])
            }
            #expect(breaking?.zh.contains("更正后的记录不符合流程规则") == true)
            #expect(breaking?.zh.contains("assess") == true || breaking?.zh.contains("风险研判") == true)
            // A time before its predecessor is refused with both times named.
            let early = await #expect(throws: DomainError.self) {
                _ = try await Self.correct(db, .dispute, c, ["seq": .number(3), "reason": .string("x"),
                                                             "at": .string("2026-10-01T09:00:00+08:00")])
            }
            #expect(early?.zh.contains("早于前一事件") == true)
            // Nothing was written by the refusals.
            #expect(try await CaseStore(db).summary(county: Self.county, workflow: .dispute, caseNumber: c)?.version == 4)
            #expect(try await AuditService(db).verify(county: Self.county).findings.isEmpty)
        }
    }

    @Test func theCLICorrectsAndShowsTheOriginalStruckThrough() async throws {
        try await TestDatabase.withFreshDatabase("correct_cli") { db, _ in
            let number = try await Self.record(db, .dispute, nil, "register", Self.register, at: "2026-03-02T10:00:00+08:00").summary.caseNumber
            let common = ["--county", Self.county]
            let run = await AnjieCommand.run(["case", "correct", "dispute", number, "--seq", "1", "--reason", "金额录错",
                                              "--set", "amount=12000", "--actor", "test:cli"] + common, database: db)
            #expect(run.status == 0, "\(run.errors)")
            let shown = await AnjieCommand.run(["case", "show", "dispute", number] + common, database: db)
            #expect(shown.output.contains("~~"))
            #expect(shown.output.contains("更正 #2") && shown.output.contains("amount 改为 12000") && shown.output.contains("金额录错"))
            let bad = await AnjieCommand.run(["case", "correct", "dispute", number, "--seq", "9", "--reason", "x", "--void"] + common,
                                             database: db)
            #expect(bad.status == 1 && bad.errors.contains("第9个事件"))
            // Not a terminal: what is missing is named, not asked for.
            let missing = await AnjieCommand.run(["case", "correct", "dispute", number, "--void"] + common, database: db)
            #expect(missing.status == 1 && missing.errors.contains("--seq"))
        }
    }

    @Test func correctionsImportAndExportRoundTrip() async throws {
        let lines = [
            #"{"county":"450222","workflow":"dispute","case":"JF-2026-00901","event":"register","at":"2026-04-01T09:00:00+08:00","actor":"clerk:t","data":{"channel":"walk_in","category":"neighbour","township":"大埔镇","summary":"x","parties":[{"role":"applicant","kind":"person","name":"李四"}]}}"#,
            #"{"county":"450222","workflow":"dispute","case":"JF-2026-00901","event":"start_mediation","at":"2026-04-02T09:00:00+08:00","actor":"clerk:t","data":{"mediator":"王"}}"#,
            #"{"county":"450222","workflow":"dispute","case":"JF-2026-00901","event":"correct","at":"2026-04-03T09:00:00+08:00","actor":"supervisor:t","data":{"seq":2,"reason":"记错案件","void":true}}"#,
            #"{"county":"450222","workflow":"dispute","case":"JF-2026-00901","event":"skip_mediation","at":"2026-04-03T10:00:00+08:00","actor":"clerk:t","data":{"reason":"当事人不愿调解"}}"#,
        ]
        let path = try ImportExportTests.write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let exported = try await TestDatabase.withFreshDatabase("correct_import") { db, _ in
            let report = try await Importer(db).run(path: path, dryRun: false)
            #expect(report.errors.isEmpty && report.eventsWritten == 4, "\(report.errors)")
            #expect(try await CaseStore(db).summary(county: Self.county, workflow: .dispute, caseNumber: "JF-2026-00901")?.state == "assessing")
            let again = try await Importer(db).run(path: path, dryRun: false)
            #expect(again.eventsWritten == 0 && again.duplicatesSkipped == 4)
            #expect(try await AuditService(db).verify(county: Self.county).findings.isEmpty)
            var out: [String] = []
            try await Exporter(db).run(county: nil, workflow: nil, year: nil) { out.append($0) }
            return out
        }
        #expect(exported.count == 4 && exported[2].contains(#""event":"correct""#))
        let second = try ImportExportTests.write(exported)
        defer { try? FileManager.default.removeItem(atPath: second) }
        try await TestDatabase.withFreshDatabase("correct_reimport") { db, _ async throws in
            #expect(try await Importer(db).run(path: second, dryRun: false).errors.isEmpty)
            #expect(try await CaseStore(db).summary(county: Self.county, workflow: .dispute, caseNumber: "JF-2026-00901")?.state == "assessing")
        }
    }

    /// Over the API: a clerk corrects its own recent event; an event older than 30 days only a
    /// supervisor may correct (supervisors record no events, but may correct any).
    @Test func whoMayCorrectOverTheAPI() async throws {
        try await APITests.withAPI("correct_api") { client, tokens, _ in
            func open(_ at: String) async throws -> String {
                let body = #"{"event":"register","at":"\#(at)","data":{"channel":"walk_in","category":"neighbour","township":"大埔镇","summary":"x","parties":[{"role":"applicant","name":"张三"}]}}"#
                let response = try await APITests.post(client, "/v1/cases/dispute", tokens.clerkDapu, body)
                #expect(response.status == .created)
                return try #require(try APITests.json(response)["case"]?.stringValue)
            }
            let recent = try await open(Timestamp.format(Date().addingTimeInterval(-86_400)))
            let old = try await open("2026-09-01T10:00:00+08:00")
            let fix = #"{"event":"correct","data":{"seq":1,"reason":"乡镇录错","data":{"summary":"相邻排水沟"}}}"#
            let byClerk = try await APITests.post(client, "/v1/cases/dispute/\(recent)/events", tokens.clerkDapu, fix)
            #expect(byClerk.status == .ok)
            let shown = try APITests.json(try await APITests.get(client, "/v1/cases/dispute/\(recent)", tokens.supervisor))
            let first = shown["events"]?.arrayValue?.first?.objectValue
            #expect(first?["corrected_by"]?.arrayValue?.first?.objectValue?["reason"]?.stringValue == "乡镇录错")
            let tooLate = try await APITests.post(client, "/v1/cases/dispute/\(old)/events", tokens.clerkDapu, fix)
            #expect(tooLate.status.code == 422)
            #expect(try APITests.json(tooLate)["detail_zh"]?.stringValue?.contains("supervisor") == true)
            let bySupervisor = try await APITests.post(client, "/v1/cases/dispute/\(old)/events", tokens.supervisor, fix)
            #expect(bySupervisor.status == .ok)
            // A supervisor still records no ordinary event.
            let ordinary = try await APITests.post(client, "/v1/cases/dispute/\(old)/events", tokens.supervisor,
                                                   #"{"event":"skip_mediation","data":{"reason":"x"}}"#)
            #expect(ordinary.status == .forbidden)
        }
    }
}
