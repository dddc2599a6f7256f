import AnjieDomain
@testable import AnjieStore
import AnjieSynthetic
import Foundation
import Testing

/// Each indicator is one declaration (`IndicatorRegistry`, one file per section) compiled by
/// `IndicatorSQL` into the report's statement and the dashboard's case lists. These tests hold the
/// declarations to the registry of workflows and show that every one computes.
@Suite struct IndicatorDeclarationTests {
    /// Every literal the compiled SQL may quote: registered workflows and their events, the
    /// vocabulary ids and field names of their events and of log records, log kinds, indicator ids.
    static let known: Set<String> = {
        var names = Set(IndicatorRegistry.all.map(\.id))
        var specs = LogKind.allCases.map(\.spec)
        names.formUnion(LogKind.allCases.map(\.rawValue))
        for workflow in Workflows.all.values {
            names.insert(workflow.id.rawValue)
            specs += workflow.events.map(\.spec)
        }
        for spec in specs {
            names.insert(spec.name)
            for field in spec.fields {
                names.insert(field.name)
                switch field.kind {
                case .choice(let choices), .choiceList(let choices): names.formUnion(choices.ids)
                case .text, .date, .amount, .count, .flag, .parties, .textList, .creditCode, .agency, .link: break
                }
            }
        }
        return names
    }()

    /// The quoted literals of an SQL text, except interval lengths ('7 days'). Our SQL quotes no
    /// quote, so the text between every other pair of quotes is a literal.
    static func literals(_ sql: String) -> [String] {
        let parts = sql.split(separator: "'", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count, by: 2).compactMap { index in
            parts[index - 1].hasSuffix("interval ") ? nil : String(parts[index])
        }
    }

    static func conditions(_ measure: Measure) -> [CaseCondition] {
        switch measure {
        case .cases(let condition), .stock(_, let condition), .sum(_, let condition): return [condition]
        case .events(let match, let condition): return [.happened(match)] + (condition.map { [$0] } ?? [])
        case .clocks(let clock): return clock.cases.map { [$0] } ?? []
        case .logRecords, .logSum, .logDistinct, .indicator: return []
        }
    }

    static func conditions(_ indicator: Indicator) -> [CaseCondition] {
        conditions(indicator.computation.numerator) + (indicator.computation.denominator.map(conditions) ?? [])
    }

    @Test func everyIndicatorCompilesIntoTheOneStatement() throws {
        let ids = IndicatorRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count, "ids are unique")
        let statement = try IndicatorSQL.statement.get()
        for id in ids {
            #expect(statement.contains("('\(id)', "), "\(id) has a row in the report statement")
        }
        // A rate always has a denominator; references to other indicators resolve.
        for indicator in IndicatorRegistry.all {
            if case .rate = indicator.kind { #expect(indicator.computation.denominator != nil, "\(indicator.id)") }
            for measure in [indicator.computation.numerator] + (indicator.computation.denominator.map { [$0] } ?? []) {
                #expect(throws: Never.self, "\(indicator.id)") {
                    try IndicatorSQL.resolve(measure, in: IndicatorRegistry.all, from: indicator.id)
                }
            }
        }
    }

    @Test func aReferenceToAnUndeclaredIndicatorDoesNotCompile() {
        let broken = Indicator("test.broken", "测试", unit: "%", section: "测试", definition: "—", published: nil,
                               .rate(decimals: 1, .indicator("mediation.mediated"), over: .indicator("mediation.no_such")))
        #expect(throws: StoreError.self) { try IndicatorSQL.compile(IndicatorRegistry.all + [broken]) }
    }

    /// Event and workflow names reach the SQL only from the rules' enums: writing
    /// `.happened(MediationRules.self, .agre, in: .year)` is a compile error ("type
    /// 'MediationRules.Event' has no member 'agre'"), and an event of another workflow
    /// (`.happened(MediationRules.self, ReviewRules.Event.decide, …)`) does not type-check either.
    /// What remains is checked here: every name a declaration holds is a registered workflow's
    /// event, and every literal in the compiled SQL — declared SQL fragments included — is a name
    /// the registry knows.
    @Test func noIndicatorNamesAnEventOrWorkflowOutsideTheRegistry() throws {
        for indicator in IndicatorRegistry.all {
            for condition in Self.conditions(indicator) {
                for names in condition.eventNames {
                    let workflow = try #require(Workflows[names.workflow], "\(indicator.id): \(names.workflow.rawValue)")
                    let events = Set(workflow.events.map(\.spec.name))
                    #expect(names.events.allSatisfy(events.contains), "\(indicator.id): \(names.events)")
                }
                #expect(condition.workflowIDs.allSatisfy { Workflows[$0] != nil }, "\(indicator.id)")
                // A data test reads a field every tested event declares.
                for (names, test) in condition.dataTests {
                    let specs = Workflows[names.workflow]!.events.map(\.spec).filter { names.events.contains($0.name) }
                    #expect(specs.allSatisfy { $0.fields.contains { $0.name == test.field } }, "\(indicator.id): \(test.field)")
                }
                // A column test's values are ids of the opening field of that name.
                for (column, test) in condition.columnTests {
                    for value in test.values {
                        #expect(Self.known.contains(value), "\(indicator.id): \(column.rawValue) = \(value)")
                    }
                }
            }
        }
        var sql = try IndicatorSQL.statement.get()
        sql += IndicatorSQL.caseLists.values.joined(separator: "\n")
        let unknown = Set(Self.literals(sql)).subtracting(Self.known)
        #expect(unknown.isEmpty, "literals no workflow, event or vocabulary declares: \(unknown.sorted())")
    }

    @Test func aMisspeltNameInDeclaredSQLIsCaught() throws {
        // The escape hatch (`CaseSQL`) is text: a literal typed by hand instead of taken from the
        // enum compiles, and the check above is what finds it.
        let typo = Indicator("test.typo", "测试", unit: "件", section: "测试", definition: "—", published: nil,
                             .count(.cases(.workflow(MediationRules.self) && .sql(CaseSQL("EXISTS (SELECT 1 FROM events x WHERE x.event = 'agre')")))))
        let fromEnum = Indicator("test.enum", "测试", unit: "件", section: "测试", definition: "—", published: nil,
                                 .count(.cases(.sql(CaseSQL("EXISTS (SELECT 1 FROM events x WHERE x.event = \(CaseSQL.literal(MediationRules.Event.agree)))")))))
        let unknown = Set(Self.literals(try IndicatorSQL.compile([typo, fromEnum]))).subtracting(Self.known)
        #expect(unknown == ["agre", "test.typo", "test.enum"])
    }

    @Test func everyCaseFigureHasACaseList() {
        // Figures that count events, sum money or come from log records link nowhere.
        let unlisted = IndicatorRegistry.all.filter { indicator in
            switch (try? IndicatorSQL.resolve(indicator.computation.numerator, in: IndicatorRegistry.all, from: indicator.id)) {
            case .cases?, .stock?, .clocks?: return false
            case .events?, .sum?, .logRecords?, .logSum?, .logDistinct?, .indicator?, nil: return true
            }
        }.map(\.id)
        #expect(Set(unlisted) == ["mediation.litigation_cost_saved", "review.public_hearings", "mediation.trainings",
                                  "mediation.trainees", "center.visitors", "center.desk_consultations", "legal_aid.visitors",
                                  "legal_aid.enterprise_checkups"])
        #expect(IndicatorCases.supportedIndicators == Set(IndicatorRegistry.all.map(\.id)).subtracting(unlisted))
    }

    @Test func everyIndicatorComputesOnTheDemoYear() async throws {
        let path = try ImportExportTests.write(Demo2025.lines().map(Interchange.encode))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("indicatordemo") { db, _ in
            let imported = try await Importer(db).run(path: path, dryRun: false)
            #expect(imported.errors.isEmpty)
            let county = try await ReportService(db).report(county: "450222", year: 2025)
            #expect(county.results.count == IndicatorRegistry.all.count)
            for result in county.results {
                #expect(result.value != nil && result.formatted != "—", "\(result.indicator.id) computes")
            }
            // A township has no log records; everything else computes there too.
            let township = try await ReportService(db).report(county: "450222", year: 2025, township: "大埔镇")
            for result in township.results {
                #expect((result.value == nil) == (result.indicator.source == .logRecords), "\(result.indicator.id) in 大埔镇")
            }
        }
    }
}
