import AnjieDomain
import Foundation

/// Reads a people's-mediation ledger into the events each row's case needs: `accept` on the
/// 受理日期, then `agree`, `fail` or `terminate` on the 结案日期 when the row has a result.
///
/// Every row is decided here with the domain's own `Workflow.decide` (pure, no database), so a bad
/// row is named with its row number before anything is written; the store then replays the same
/// events through the same engine in one transaction.
public struct MediationLedger: Sendable {
    /// Values for columns a ledger leaves out because the whole sheet shares them (one committee's
    /// ledger rarely repeats its own name on every row). A cell, when present and not blank, wins.
    public struct Defaults: Sendable, Equatable {
        public var organization: String?
        public var organizationKind: String?
        public var township: String?
        public var source: String?

        public init(organization: String? = nil, organizationKind: String? = nil, township: String? = nil, source: String? = nil) {
            (self.organization, self.organizationKind, self.township, self.source) = (organization, organizationKind, township, source)
        }

        func value(for column: MediationColumn) -> String? {
            switch column {
            case .organization: return organization
            case .organizationKind: return organizationKind
            case .township: return township
            case .source: return source
            default: return nil
            }
        }
    }

    /// One row's case: its number and events in order.
    public struct Case: Sendable, Equatable {
        public let row: Int
        public let caseNumber: String
        public let events: [Interchange.EventLine]
    }

    public struct Reading: Sendable {
        public var cases: [Case] = []
        public var problems: [RowProblem] = []
        /// Headers that name no column: ignored, and said so in the summary.
        public var ignoredHeaders: [String] = []
        public var rowCount = 0
    }

    public var county: String
    public var defaults: Defaults
    /// `TJ-2025-<prefix>-0012`; nil derives one from the organisation's name (see `derivedPrefix`).
    public var casePrefix: String?

    public init(county: String, defaults: Defaults = Defaults(), casePrefix: String? = nil) {
        (self.county, self.defaults, self.casePrefix) = (county, defaults, casePrefix)
    }

    static let workflow = Workflows[.mediation]!
    /// Columns without which no row can be read; the others may come from `Defaults` or be optional.
    static let requiredHeaders: [MediationColumn] = [.serial, .accepted, .parties, .category]

    /// Maps the header, then every row. A header problem (a required column missing, two headers for
    /// one column) is a file-level error: no row could be read right.
    /// `progress` is called with (rows read, rows) every 50 rows and at the end.
    public func read(_ table: LedgerTable, progress: ((Int, Int) -> Void)? = nil) throws -> Reading {
        let columns = try Self.mapHeader(table.header, defaults: defaults)
        var reading = Reading()
        reading.rowCount = table.rows.count
        reading.ignoredHeaders = table.header.indices.filter { index in
            !table.header[index].isEmpty && !columns.values.contains(index)
        }.map { table.header[$0] }
        var seen: [String: Int] = [:]
        for (index, row) in table.rows.enumerated() {
            if index % 50 == 0 { progress?(index, table.rows.count) }
            let cells = LedgerRow(row: row, columns: columns, defaults: defaults)
            do {
                let ledgerCase = try read(cells)
                if let first = seen[ledgerCase.caseNumber] {
                    throw RowProblem(row: row.number, zh: "与第 \(first) 行是同一案件（案件编号 \(ledgerCase.caseNumber)），序号重复",
                                     en: "same case as row \(first) (case number \(ledgerCase.caseNumber)): the serial number repeats")
                }
                seen[ledgerCase.caseNumber] = row.number
                reading.cases.append(ledgerCase)
            } catch let problem as RowProblem {
                reading.problems.append(problem)
            }
        }
        progress?(table.rows.count, table.rows.count)
        return reading
    }

    static func mapHeader(_ header: [String], defaults: Defaults) throws -> [MediationColumn: Int] {
        var columns: [MediationColumn: Int] = [:]
        for (index, text) in header.enumerated() {
            guard let column = MediationColumn.named(text) else { continue }
            if let earlier = columns[column] {
                throw DomainError.invalidInput(
                    "表头第 \(earlier + 1) 列“\(header[earlier])”与第 \(index + 1) 列“\(text)”都表示“\(column.header)”",
                    "header columns \(earlier + 1) (\(header[earlier])) and \(index + 1) (\(text)) both mean \(column.header)")
            }
            columns[column] = index
        }
        let defaultable: [MediationColumn] = [.organization, .organizationKind, .township, .source]
        let missing = requiredHeaders.filter { columns[$0] == nil }
            + defaultable.filter { columns[$0] == nil && defaults.value(for: $0) == nil }
        guard missing.isEmpty else {
            let names = missing.map(\.header).joined(separator: "、")
            throw DomainError.invalidInput(
                "表头缺少列：\(names)（调解组织、调解组织类型、乡镇、案件来源也可用命令行选项给出；见 anjie import-ledger --template mediation）",
                "the header lacks columns: \(names) (organisation, kind, township and source may be given as options instead; see anjie import-ledger --template mediation)")
        }
        return columns
    }

    func read(_ row: LedgerRow) throws -> Case {
        var problems: [(String, String)] = []
        func problem(_ zh: String, _ en: String) { problems.append((zh, en)) }

        let serial = row[.serial]
        if serial.isEmpty { problem("序号：必填", "序号 (serial): is required") }
        let accepted = Self.date(row[.accepted])
        if accepted == nil {
            problem(row[.accepted].isEmpty ? "受理日期：必填" : "受理日期：无法识别“\(row[.accepted])”（例：2025-03-02、2025/3/2、2025年3月2日）",
                    row[.accepted].isEmpty ? "受理日期 (date accepted): is required" : "受理日期 (date accepted): \(row[.accepted]) is not a date like 2025-03-02, 2025/3/2 or 2025年3月2日")
        }
        let outcome = LedgerOutcome.match(row[.result])
        if outcome == nil {
            problem("调解结果：无法识别“\(row[.result])”；可填：\(LedgerOutcome.listing)",
                    "调解结果 (result): \(row[.result]) is not one of: \(LedgerOutcome.listing)")
        }
        var concluded: LocalDate?
        if let outcome, outcome != .open {
            concluded = Self.date(row[.concluded])
            if concluded == nil {
                problem(row[.concluded].isEmpty ? "结案日期：有调解结果时必填" : "结案日期：无法识别“\(row[.concluded])”",
                        row[.concluded].isEmpty ? "结案日期 (date concluded): is required when there is a result" : "结案日期 (date concluded): \(row[.concluded]) is not a date")
            } else if let accepted, let concluded, concluded < accepted {
                problem("结案日期 \(concluded) 早于受理日期 \(accepted)", "结案日期 (date concluded) \(concluded) is before the date accepted \(accepted)")
            }
        }
        let parties = PartyCells.parse(names: row[.parties], ids: row[.idNumbers], phones: row[.phones])
        if case .failure(let message) = parties { problem(message.zh, message.en) }

        var number = row[.caseNumber]
        if number.isEmpty, let accepted, !serial.isEmpty {
            number = caseNumber(year: accepted.year, serial: serial, organization: row[.organization])
        }
        if !number.isEmpty, (try? CaseNumber.validate(number)) == nil {
            problem("案件编号“\(number)”应为1至64位字母、数字、- 或 _", "case number \(number) must be 1 to 64 letters, digits, - or _")
        }
        var acceptData: EventData = [
            "organization": .string(row[.organization]), "organization_kind": .string(row[.organizationKind]),
            "source": .string(row[.source]), "category": .string(row[.category]), "township": .string(row[.township]),
        ]
        if case .success(let partyList) = parties { acceptData["parties"] = .array(partyList) }
        for (column, field) in [(MediationColumn.referralCase, "referral_case"), (.big3, "big3"), (.big3Nature, "big3_nature"), (.amount, "amount")]
        where !row[column].isEmpty {
            acceptData[field] = .string(row[column])
        }
        let note = [row[.summary], row[.mediator].isEmpty ? "" : "调解员：" + row[.mediator], row[.remark].isEmpty ? "" : "备注：" + row[.remark]]
            .filter { !$0.isEmpty }.joined(separator: "；")
        if !note.isEmpty { acceptData["note"] = .string(note) }
        var conclusion: (event: String, data: EventData)?
        switch outcome {
        case .open?, nil: break
        case .agreed?:
            var data: EventData = ["form": .string(row[.form])]
            if !row[.agreedAmount].isEmpty { data["amount"] = .string(row[.agreedAmount]) }
            conclusion = (MediationRules.Event.agree.rawValue, data)
        case .failed?: conclusion = (MediationRules.Event.fail.rawValue, ["reason": .string(row[.reason])])
        case .terminated?: conclusion = (MediationRules.Event.terminate.rawValue, ["reason": .string(row[.reason])])
        }
        let now = Date()
        for (column, date) in [(MediationColumn.accepted, accepted), (.concluded, concluded)] {
            guard let date else { continue }
            do {
                try Timestamp.checkNotFuture(date.instantWithoutTime(now: now), now: now)
            } catch let error as DomainError {
                problem("\(column.header)：\(error.zh)", "\(column.header): \(error.en)")
            }
        }
        guard problems.isEmpty, let accepted, outcome != nil, case .success = parties else {
            // Every problem of the row at once (issue 17): the cells the steps' fields come from are
            // checked too, so one correction of the row is enough.
            let day = accepted ?? LocalDate(now)
            var steps = [(MediationRules.Event.accept.rawValue, acceptData)]
            if let conclusion { steps.append(conclusion) }
            for (event, data) in steps {
                problems += Self.fieldProblems(event, data, on: day).filter { named in
                    // A party list that did not parse is already named once above.
                    if case .failure = parties, event == MediationRules.Event.accept.rawValue { return !named.field.hasPrefix("parties") }
                    return true
                }.map { ($0.zh, $0.en) }
            }
            throw RowProblem(row: row.number, zh: problems.map(\.0).joined(separator: "；"), en: problems.map(\.1).joined(separator: "; "))
        }

        var steps: [(event: String, at: Date, data: EventData)] = [(MediationRules.Event.accept.rawValue, accepted.instantWithoutTime(now: now), acceptData)]
        if let concluded, let conclusion {
            steps.append((conclusion.event, concluded.instantWithoutTime(now: now), conclusion.data))
        }

        // The same decision the store will make, made now so the row can be named.
        var snapshot: CaseSnapshot?
        var events: [Interchange.EventLine] = []
        for step in steps {
            do {
                let decision = try Self.workflow.decide(snapshot, event: step.event, data: step.data, at: step.at)
                snapshot = CaseSnapshot(state: decision.to, version: (snapshot?.version ?? 0) + 1, lastEventAt: step.at, context: decision.context)
            } catch let error as DomainError {
                throw RowProblem(row: row.number, error: error, event: step.event)
            }
            events.append(Interchange.EventLine(county: county, workflow: .mediation, caseNumber: number, event: step.event,
                                                at: step.at, actor: nil, data: step.data))
        }
        return Case(row: row.number, caseNumber: number, events: events)
    }

    /// The field problems of one step's data, each named by its ledger column.
    static func fieldProblems(_ event: String, _ data: EventData, on day: LocalDate) -> [(field: String, zh: String, en: String)] {
        guard let spec = workflow.event(named: event)?.spec else { return [] }
        do {
            _ = try FieldValidator.normalize(data, spec: spec, on: day)
            return []
        } catch let error as DomainError {
            return error.fields.map { problem in
                let column = LedgerFieldNames.column(of: problem.field, event: event)
                return (problem.field, "\(column.zh)：\(problem.zh)", "\(column.en): \(problem.en)")
            }
        } catch {
            return []
        }
    }

    /// `TJ-2025-DPZ-0012`: the year accepted, a prefix for the ledger's organisation and the serial
    /// number. Derived, not counted, so importing the same ledger again finds the same cases and
    /// changes nothing.
    func caseNumber(year: Int, serial: String, organization: String) -> String {
        let prefix = casePrefix ?? Self.derivedPrefix(organization.isEmpty ? (defaults.organization ?? "") : organization)
        let padded = serial.allSatisfy { $0.isASCII && $0.isNumber } ? String(repeating: "0", count: max(0, 4 - serial.count)) + serial : serial
        return "\(WorkflowID.mediation.casePrefix)-\(year)-\(prefix)-\(padded)"
    }

    /// "L" and six hex digits of the FNV-1a hash of the organisation's name: stable across runs and
    /// machines (Swift's `hashValue` is seeded per process), and two committees' serial numbers
    /// do not collide.
    static func derivedPrefix(_ organization: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in organization.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let hex = String(hash & 0xFF_FFFF, radix: 16, uppercase: true)
        return "L" + String(repeating: "0", count: 6 - hex.count) + hex
    }

    /// A date cell; Excel's date-time cells (`2025/3/2 0:00`) keep the date part.
    static func date(_ cell: String) -> LocalDate? {
        let datePart = cell.split(separator: " ").first.map(String.init) ?? cell
        guard let date = LocalDate.parse(datePart), YearBounds.recordable.contains(date.year) else { return nil }
        return date
    }
}

/// A data row seen through the header mapping: `row[.township]` is the cell, or the default, or "".
struct LedgerRow {
    let number: Int
    private let cells: [String]
    private let columns: [MediationColumn: Int]
    private let defaults: MediationLedger.Defaults

    init(row: LedgerTable.Row, columns: [MediationColumn: Int], defaults: MediationLedger.Defaults) {
        (number, cells, self.columns, self.defaults) = (row.number, row.cells, columns, defaults)
    }

    subscript(column: MediationColumn) -> String {
        if let index = columns[column], index < cells.count, !cells[index].isEmpty { return cells[index] }
        return defaults.value(for: column) ?? ""
    }
}

extension RowProblem: Error {
    /// A domain refusal, its field names turned into the ledger's column headers.
    init(row: Int, error: DomainError, event: String) {
        guard !error.fields.isEmpty else {
            self.init(row: row, zh: error.zh, en: error.en)
            return
        }
        let named = error.fields.map { problem in (LedgerFieldNames.column(of: problem.field, event: event), problem) }
        self.init(row: row,
                  zh: named.map { "\($0.0.zh)：\($0.1.zh)" }.joined(separator: "；"),
                  en: named.map { "\($0.0.en): \($0.1.en)" }.joined(separator: "; "))
    }
}
