import AnjieDomain
import Foundation

/// Random but valid case histories of every workflow, for tests and benchmarks.
///
/// Data is generated from the event specs themselves and every step is checked with the pure
/// `Workflow.decide`, so the output is valid by construction and follows the rules as they change.
public struct RandomCases {
    public var county: String
    public var year: Int
    public var townships: [String]
    /// What an `agency` field holds: a name of the county's agency register (the demo's by default).
    public var agencyName = "柳城县人民政府办公室"
    private var rng: SplitMix64
    private var counter = 0

    public init(county: String = County.liuchengCode, year: Int = 2025, seed: UInt64 = 1,
                townships: [String] = County.liuchengTownships) {
        self.county = county
        self.year = year
        self.townships = townships
        self.rng = SplitMix64(seed: seed)
    }

    /// Events are dated in `year`, which must be one records may be dated in (`YearBounds.recordable`).
    private var yearStart: Date { YearBounds(year)!.start }

    /// One case: its events in time order, at most `maxEvents` of them.
    public mutating func nextCase(workflow: Workflow, maxEvents: Int = 8) -> [Interchange.Line] {
        counter += 1
        let number = "\(workflow.id.casePrefix)-\(year)-R\(String(counter))"
        let start = yearStart
        var at = start.addingTimeInterval(Double(Int.random(in: 0..<(300 * 86_400), using: &rng)) + 8 * 3600)
        var snapshot: CaseSnapshot?
        var lines: [Interchange.Line] = []
        while lines.count < maxEvents {
            let allowed = workflow.allowedEvents(in: snapshot?.state)
            guard !allowed.isEmpty else { break }
            var accepted: (String, EventData, Decision)?
            for _ in 0..<12 {
                let event = allowed.randomElement(using: &rng)!
                let data = sampleData(workflow.event(named: event)!.spec, at: at)
                if let decision = try? workflow.decide(snapshot, event: event, data: data, at: at) {
                    accepted = (event, data, decision)
                    break
                }
            }
            guard let (event, data, decision) = accepted else { break }
            lines.append(.event(.init(county: county, workflow: workflow.id, caseNumber: number, event: event, at: at,
                                      actor: "gen", data: data)))
            snapshot = CaseSnapshot(state: decision.to, version: lines.count, lastEventAt: at, context: decision.context)
            // Stop now and then before the end: open cases matter too.
            if Int.random(in: 0..<10, using: &rng) == 0 { break }
            at = at.addingTimeInterval(Double(Int.random(in: 3600..<(6 * 86_400), using: &rng)))
        }
        return lines
    }

    /// A log record of a random kind.
    public mutating func nextLog() -> Interchange.Line {
        counter += 1
        let kind = LogKind.allCases.randomElement(using: &rng)!
        let start = yearStart
        let at = start.addingTimeInterval(Double(Int.random(in: 0..<(360 * 86_400), using: &rng)))
        return .log(.init(county: county, kind: kind, id: "\(kind.idPrefix)-\(year)-R\(counter)", at: at, actor: "gen",
                          data: sampleData(kind.spec, at: at)))
    }

    /// Values for every required field, and for `township` and some other optional fields.
    mutating func sampleData(_ spec: EventSpec, at: Date) -> EventData {
        var data: EventData = [:]
        for field in spec.fields where field.required || field.name == "township" || Bool.random(using: &rng) {
            if field.name == "note" { continue }
            if field.name == "township" {
                data["township"] = .string(townships.randomElement(using: &rng)!)
                continue
            }
            data[field.name] = sample(field.kind, at: at)
        }
        return data
    }

    mutating func sample(_ kind: FieldKind, at: Date) -> JSONValue {
        switch kind {
        case .text: return .string(["已核实", "双方同意", "依法处理", "情况说明"].randomElement(using: &rng)!)
        case .choice(let choices): return .string(choices.ids.randomElement(using: &rng)!)
        case .choiceList(let choices): return .array([.string(choices.ids.randomElement(using: &rng)!)])
        case .date: return .string(LocalDate(at).adding(days: Int.random(in: 0..<30, using: &rng)).description)
        case .amount: return .number(Double(Int.random(in: 0..<200_000, using: &rng)))
        case .count: return .number(Double(Int.random(in: 1..<60, using: &rng)))
        case .flag: return .bool(Bool.random(using: &rng))
        case .textList: return .array([.string("身份证明"), .string("证据材料")])
        case .creditCode: return .string(creditCode())
        case .agency: return .string(agencyName)
        case .link: return .string("dispute:JF-2025-00001")
        case .parties:
            let digits = (0..<3).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let first17 = "4502221980010\(Int.random(in: 1...2, using: &rng))\(digits.prefix(2))\(digits.suffix(1))"
            let id = first17 + String(ResidentIDNumber.checkCharacter(for: String(first17.prefix(17)))!)
            return .array([
                .object(["role": .string("applicant"), "kind": .string("person"), "name": .string("张某"),
                         "id_number": .string(String(id.prefix(18))), "phone": .string("1380000\(digits)0")]),
                .object(["role": .string("respondent"), "kind": .string("person"), "name": .string("李某")]),
            ])
        }
    }

    mutating func creditCode() -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let body = "914502" + String((0..<11).map { _ in alphabet.randomElement(using: &rng)! })
        return body + String(CreditCode.checkCharacter(for: body)!)
    }
}
