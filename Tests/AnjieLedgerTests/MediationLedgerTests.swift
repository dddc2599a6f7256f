import AnjieDomain
@testable import AnjieLedger
import Foundation
import Testing

@Suite struct MediationLedgerTests {
    static let header = "序号,受理日期,调解组织,调解组织类型,乡镇,案件来源,当事人,身份证号,纠纷类型,纠纷简要情况,调解员,调解结果,协议形式,协议金额,未成原因,结案日期"
    static let ledger = MediationLedger(county: "450222")

    static func read(_ rows: [String], header: String = header, ledger: MediationLedger = ledger) throws -> MediationLedger.Reading {
        try ledger.read(try LedgerTable.parse(([header] + rows).joined(separator: "\r\n") + "\r\n"))
    }

    @Test func eachDateStyleGivesTheSameDay() throws {
        let reading = try Self.read([
            "1,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,",
            "2,2025/3/2,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,",
            "3,2025年3月2日,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,",
            "4,2025/3/2 0:00,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,",
        ])
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        #expect(reading.cases.count == 4)
        for ledgerCase in reading.cases {
            #expect(Timestamp.format(ledgerCase.events[0].at) == "2025-03-02T12:00:00+08:00")
        }
    }

    /// Issue 17: a row with three problems names all three in one run (and so in the rejects file),
    /// also those the steps' fields would find only once the row's dates are right.
    @Test func aRowWithThreeProblemsNamesThemAllAtOnce() throws {
        let reading = try Self.read([
            "5,2025-13-40,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻居纠纷,,,达成协议,手写,,,2025-03-10",
        ])
        let problem = try #require(reading.problems.first)
        #expect(reading.problems.count == 1 && reading.cases.isEmpty)
        #expect(problem.zh.contains("受理日期") && problem.zh.contains("纠纷类型") && problem.zh.contains("协议形式"), "\(problem.zh)")
        let table = try LedgerTable.parse(([Self.header, "5,2025-13-40,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻居纠纷,,,达成协议,手写,,,2025-03-10"])
            .joined(separator: "\r\n") + "\r\n")
        let rejects = try LedgerRejects.text(table: table, problems: reading.problems)
        #expect(rejects.contains("受理日期") && rejects.contains("纠纷类型") && rejects.contains("协议形式"))
    }

    /// A ledger dated after today is refused with both times, like any future event.
    @Test func aFutureDateIsRefused() throws {
        let next = LocalDate(Date()).adding(days: 3)
        let reading = try Self.read(["6,\(next),大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,"])
        let problem = try #require(reading.problems.first)
        #expect(problem.zh.contains("晚于当前时间") && problem.en.contains("is later than now"), "\(problem.zh)")
    }

    @Test func aRowBecomesAcceptThenItsResultWithIdsFromChineseLabels() throws {
        let reading = try Self.read([
            "7,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,法院委派,申请人：张三、李四,11010519491231002X、,邻里,排水沟,王调解员,达成协议,书面协议,8000,,2025年3月10日",
            "8,2025-03-03,大埔镇人民调解委员会,township,大埔镇,application,王五,,contract,,,调解不成,,,双方分歧大,2025-03-20",
            "9,2025-03-04,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,赵六,,邻里,,,终止调解,,,申请人撤回,2025-03-05",
        ])
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        let agreed = try #require(reading.cases.first)
        #expect(agreed.row == 2)
        #expect(agreed.caseNumber.hasPrefix("TJ-2025-L") && agreed.caseNumber.hasSuffix("-0007"))
        #expect(agreed.events.map(\.event) == ["accept", "agree"])
        #expect(Timestamp.format(agreed.events[1].at) == "2025-03-10T12:00:00+08:00")
        let parties = agreed.events[0].data["parties"]?.arrayValue ?? []
        #expect(parties.count == 2)
        #expect(parties[0].objectValue?["role"] == .string("申请人"))
        #expect(parties[0].objectValue?["id_number"] == .string("11010519491231002X"))
        #expect(parties[1].objectValue?["id_number"] == nil)
        #expect(agreed.events[0].data["note"] == .string("排水沟；调解员：王调解员"))
        // The labels are normalised by the engine exactly as on the CLI.
        let decision = try Workflows[.mediation]!.decide(nil, event: "accept", data: agreed.events[0].data, at: agreed.events[0].at)
        #expect(decision.data["source"] == .string("referral_court") && decision.data["category"] == .string("neighbour"))
        #expect(reading.cases[1].events.map(\.event) == ["accept", "fail"])
        #expect(reading.cases[2].events.map(\.event) == ["accept", "terminate"])
    }

    @Test func badRowsAreNamedByExcelRowWithReasonsInBothLanguages() throws {
        let reading = try Self.read([
            "1,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,",
            "2,2025-02-30,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,",           // no such day
            "3,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,110105194912310021,邻里,,,,,,,",  // check digit
            "4,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,打架,,,,,,,",          // category
            "5,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,达成协议,,,,2025-03-05",  // no form
            "6,2025-03-09,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,调解不成,,,拒绝,2025-03-05",  // before
            "1,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,",           // repeated serial
        ])
        #expect(reading.cases.count == 1)
        #expect(reading.problems.map(\.row) == [3, 4, 5, 6, 7, 8])
        let byRow = Dictionary(uniqueKeysWithValues: reading.problems.map { ($0.row, $0) })
        #expect(byRow[3]!.zh.contains("受理日期") && byRow[3]!.en.contains("not a date"))
        #expect(byRow[4]!.zh.contains("身份证号（第1位当事人）"))
        #expect(byRow[5]!.zh.contains("纠纷类型") && byRow[5]!.en.contains("is not one of"))
        #expect(byRow[6]!.zh.contains("协议形式") && byRow[6]!.en.contains("required"))
        #expect(byRow[7]!.zh.contains("早于受理日期"))
        #expect(byRow[8]!.zh.contains("第 2 行") && byRow[8]!.en.contains("row 2"))
    }

    @Test func sheetWideValuesMayComeFromOptionsAndHeadersFromAliases() throws {
        let ledger = MediationLedger(county: "450222", defaults: .init(organization: "大埔镇人民调解委员会", organizationKind: "乡镇",
                                                                       township: "大埔镇", source: "当事人申请"), casePrefix: "DPZ")
        let reading = try Self.read(["12,2025.3.2,张三,邻里,5000"], header: "*序号, 受理时间 ,当事人姓名,纠纷类别,争议金额（元）", ledger: ledger)
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        #expect(reading.cases.first?.caseNumber == "TJ-2025-DPZ-0012")
        #expect(reading.cases.first?.events.first?.data["amount"] == .string("5000"))
        #expect(reading.cases.first?.events.first?.data["organization"] == .string("大埔镇人民调解委员会"))
    }

    @Test func aMissingColumnIsAFileErrorNamingIt() {
        #expect(throws: DomainError.self) { try Self.read(["1,2025-03-02"], header: "序号,受理日期") }
        do {
            _ = try Self.read(["1,2025-03-02"], header: "序号,受理日期")
        } catch let error as DomainError {
            #expect(error.zh.contains("当事人") && error.zh.contains("纠纷类型") && error.zh.contains("调解组织"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownHeadersAreIgnoredAndListed() throws {
        let reading = try Self.read(["1,2025-03-02,大埔镇人民调解委员会,乡镇,大埔镇,当事人申请,张三,,邻里,,,,,,,,x"],
                                    header: Self.header + ",回访情况")
        #expect(reading.ignoredHeaders == ["回访情况"])
        #expect(reading.cases.count == 1)
    }

    @Test func derivedCaseNumbersAreStableAndDifferByOrganisation() {
        #expect(MediationLedger.derivedPrefix("大埔镇人民调解委员会") == MediationLedger.derivedPrefix("大埔镇人民调解委员会"))
        #expect(MediationLedger.derivedPrefix("大埔镇人民调解委员会") != MediationLedger.derivedPrefix("东泉镇人民调解委员会"))
        #expect(MediationLedger.derivedPrefix("x").count == 7)
    }

    @Test func theTemplateExampleRowReadsCleanly() throws {
        let template = try LedgerTemplate.text(.mediation)
        let table = try LedgerTable.parse(template)
        #expect(table.header == MediationColumn.allCases.map(\.header))
        let reading = try Self.ledger.read(table)
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        #expect(reading.cases.first?.events.map(\.event) == ["accept", "agree"])
        #expect(LedgerTemplate.bytes(.mediation).starts(with: [0xEF, 0xBB, 0xBF]), "Excel needs the BOM to read UTF-8")
    }

    @Test func cellsWithCommasQuotesAndLineBreaksSurviveAndRejectsRoundTrip() throws {
        let rows = [["1", "张三, \"老张\"\n二行"], ["2", "李四"]]
        let text = try LedgerTable.write(header: ["序号", "当事人"], rows: rows)
        let table = try LedgerTable.parse(text)
        #expect(table.rows.map(\.cells) == rows)
        #expect(table.rows.map(\.number) == [2, 3])
    }
}
