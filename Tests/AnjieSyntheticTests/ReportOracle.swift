import AnjieDomain
import Foundation

/// Recounts the indicators of `report-2025.md` from interchange lines, each by the words of its
/// definition, in plain Swift: a cross-check for the SQL indicator engine, written without it and
/// without the workflows' code (states are folded from DOMAIN.md's transition tables below).
///
/// Periods: "in the year" is the Asia/Shanghai calendar date of the named event (`LocalDate(at)`);
/// "before year end" and "at year end" mean before 1 January of the next year, 00:00 +08:00;
/// "at the start of the year" means before 1 January 00:00 of the year.
struct ReportOracle {
    struct Case {
        let workflow: WorkflowID
        let number: String
        var events: [Interchange.EventLine]

        var opening: Interchange.EventLine { events[0] }
        func opening(_ field: String) -> String? { opening.data[field]?.stringValue }
        func first(_ names: Set<String>) -> Interchange.EventLine? { events.first { names.contains($0.event) } }
        func all(_ names: Set<String>) -> [Interchange.EventLine] { events.filter { names.contains($0.event) } }
    }

    /// A recomputed figure: its value, numerator and denominator for rates, and how the report prints it.
    struct Figure: Equatable, CustomStringConvertible {
        var value: Decimal
        var numerator: Int?
        var denominator: Int?
        var text: String

        static func count(_ n: Int) -> Figure { Figure(value: Decimal(n), text: String(n)) }

        var description: String {
            numerator.map { "\(text) (\($0)/\(denominator ?? 0))" } ?? text
        }
    }

    let year: Int
    let cases: [Case]
    let logs: [Interchange.LogLine]

    init(_ lines: [Interchange.Line], year: Int = 2025) {
        self.year = year
        var order: [String] = []
        var byKey: [String: Case] = [:]
        var logs: [Interchange.LogLine] = []
        for line in lines {
            switch line {
            case .event(let event):
                let key = "\(event.county)/\(event.workflow.rawValue)/\(event.caseNumber)"
                if byKey[key] == nil {
                    order.append(key)
                    byKey[key] = Case(workflow: event.workflow, number: event.caseNumber, events: [])
                }
                byKey[key]!.events.append(event)
            case .log(let record):
                logs.append(record)
            }
        }
        // Lines are in time order per case; keep that order for events at the same instant.
        cases = order.map { key in
            var c = byKey[key]!
            c.events = c.events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            return c
        }
        self.logs = logs
    }

    // MARK: Periods

    var yearStart: Date { LocalDate(year: year, month: 1, day: 1)!.startInstant }
    var yearEnd: Date { LocalDate(year: year + 1, month: 1, day: 1)!.startInstant }
    func inYear(_ at: Date) -> Bool { LocalDate(at).year == year }

    func cases(_ workflow: WorkflowID) -> [Case] { cases.filter { $0.workflow == workflow } }
    func logs(_ kind: LogKind, site: String? = nil) -> [Interchange.LogLine] {
        logs.filter { $0.kind == kind && inYear($0.at) && (site == nil || $0.data["site"]?.stringValue == site) }
    }

    // MARK: States, folded from DOMAIN.md (events not listed keep the state)

    static let moves: [WorkflowID: [String: String]] = [
        .mediation: ["accept": "mediating", "agree": "agreed", "fail": "failed", "terminate": "terminated", "rule": "ruled",
                     "apply_confirmation": "confirming", "confirmation_granted": "confirmed",
                     "confirmation_rejected": "agreed", "performed": "performed"],
        .dispute: ["register": "registered", "start_mediation": "mediating", "mediation_succeeded": "closed",
                   "mediation_failed": "assessing", "skip_mediation": "assessing", "route": "routed", "return": "assessing",
                   "supervise": "supervising", "resolve": "closed", "close": "closed", "reopen": "assessing"],
        .adminMediation: ["accept": "mediating", "agree": "agreed", "fail": "failed"],
    ]

    /// The state just before `instant` and the event that entered it (nil: the case did not exist yet).
    func state(_ c: Case, before instant: Date) -> (state: String, enteredBy: String)? {
        var current: (String, String)?
        for event in c.events where event.at < instant {
            if let to = Self.moves[c.workflow]?[event.event] { current = (to, event.event) }
        }
        return current.map { (state: $0.0, enteredBy: $0.1) }
    }

    // MARK: Rates and money

    /// n ÷ d as a percentage rounded half-up to `decimals` places, on exact integers.
    static func percent(_ n: Int, _ d: Int, decimals: Int) -> Figure {
        let scale = Int(pow(10, Double(decimals)))
        let scaled = d == 0 ? 0 : (2 * n * 100 * scale + d) / (2 * d)
        return Figure(value: Decimal(scaled) / Decimal(scale), numerator: n, denominator: d,
                      text: fixed(scaled, decimals: decimals) + "%")
    }

    /// The same, truncated (how the report printed 58/60 as 96.66%).
    static func truncatedPercent(_ n: Int, _ d: Int, decimals: Int) -> String {
        let scale = Int(pow(10, Double(decimals)))
        return fixed(n * 100 * scale / d, decimals: decimals) + "%"
    }

    static func fixed(_ scaled: Int, decimals: Int) -> String {
        guard decimals > 0 else { return String(scaled) }
        let scale = Int(pow(10, Double(decimals)))
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// 诉讼费用交纳办法 art. 13, property cases, full fee: 50 yuan up to 10,000 yuan, then
    /// cumulative rates by band; 50 yuan when the amount is missing or 0. In fen (0.01 yuan),
    /// rounded half-up per case.
    static func courtFeeFen(_ amount: Double?) -> Int {
        guard let amount, amount > 0 else { return 5_000 }
        let fen = Int((amount * 100).rounded())
        // (lower bound, upper bound) in fen, rate in 1/100000.
        let bands: [(Int, Int, Int)] = [
            (1_000_000, 10_000_000, 2_500), (10_000_000, 20_000_000, 2_000), (20_000_000, 50_000_000, 1_500),
            (50_000_000, 100_000_000, 1_000), (100_000_000, 200_000_000, 900), (200_000_000, 500_000_000, 800),
            (500_000_000, 1_000_000_000, 700), (1_000_000_000, 2_000_000_000, 600), (2_000_000_000, Int.max, 500),
        ]
        var hundredThousandths = 5_000 * 100_000
        for (lower, upper, rate) in bands where fen > lower {
            hundredThousandths += (min(fen, upper) - lower) * rate
        }
        return (hundredThousandths + 50_000) / 100_000
    }

    // MARK: Indicators

    /// Every indicator of report-2025.md that has records behind it, by id.
    func figures() -> [String: Figure] {
        var f: [String: Figure] = [:]
        mediation(into: &f)
        center(into: &f)
        review(into: &f)
        legalServices(into: &f)
        return f
    }

    func mediation(into f: inout [String: Figure]) {
        let ended: Set<String> = ["agree", "fail", "terminate"], concluded: Set<String> = ["agree", "rule"]
        let mediation = cases(.mediation)
        let isLabor = { (c: Case) in c.opening("organization_kind") == "labor" }
        func endedInYear(_ c: Case) -> Interchange.EventLine? { c.all(ended).first { inYear($0.at) } }

        let mediated = mediation.filter { !isLabor($0) && endedInYear($0) != nil }
        let succeeded = mediated.filter { endedInYear($0)?.event == "agree" }
        f["mediation.mediated"] = .count(mediated.count)
        f["mediation.succeeded"] = .count(succeeded.count)
        f["mediation.success_rate"] = Self.percent(succeeded.count, mediated.count, decimals: 1)

        let granted = mediation.flatMap { $0.all(["confirmation_granted"]) }.filter { inYear($0.at) }
        f["mediation.judicial_confirmations"] = .count(granted.count)
        let confirmedCases = mediation.filter { $0.all(["confirmation_granted"]).contains { inYear($0.at) } }
        let fen = confirmedCases.map { Self.courtFeeFen($0.opening.data["amount"]?.numberValue) }.reduce(0, +)
        f["mediation.litigation_cost_saved"] = Figure(value: Decimal(fen) / 100, numerator: nil, denominator: nil,
                                                      text: "\(fen / 1_000_000)万余元")

        let trainings = logs(.training)
        f["mediation.trainings"] = .count(trainings.count)
        f["mediation.trainees"] = .count(trainings.compactMap { $0.data["attendees"]?.numberValue }.map { Int($0) }.reduce(0, +))

        let big3New = mediation.filter { $0.opening("big3") != nil && inYear($0.opening.at) }
        let stable = big3New.filter { c in !c.all(["escalation"]).contains { $0.at < yearEnd } }
        let big3Concluded = big3New.filter { c in c.all(concluded).contains { $0.at < yearEnd } }
        f["mediation.big3_new"] = .count(big3New.count)
        f["mediation.big3_stable_rate"] = Self.percent(stable.count, big3New.count, decimals: 1)
        f["mediation.big3_concluded"] = .count(big3Concluded.count)
        f["mediation.big3_conclusion_rate"] = Self.percent(big3Concluded.count, big3New.count, decimals: 2)

        let backlogOpen = mediation.filter { c in
            c.opening("big3") != nil && c.opening.at < yearStart && state(c, before: yearStart)?.state == "mediating"
        }
        let backlogDone = backlogOpen.filter { c in c.all(concluded).contains { inYear($0.at) } }
        f["mediation.big3_backlog"] = Figure(value: Decimal(backlogDone.count), numerator: backlogDone.count,
                                             denominator: backlogOpen.count, text: "\(backlogDone.count)/\(backlogOpen.count)")

        let labor = mediation.filter { isLabor($0) && endedInYear($0) != nil }
        let laborAgreed = labor.filter { endedInYear($0)?.event == "agree" }
        f["mediation.labor_resolved"] = .count(laborAgreed.count)
        f["mediation.labor_success_rate"] = Self.percent(laborAgreed.count, labor.count, decimals: 1)
    }

    func center(into f: inout [String: Figure]) {
        f["center.visitors"] = .count(logs(.reception, site: "center").count)
        f["center.desk_consultations"] = .count(logs(.deskConsultation, site: "center").count)
        let disputes = cases(.dispute).filter { inYear($0.opening.at) }
        let matters = cases(.matter).filter { inYear($0.opening.at) }
        f["center.cases"] = .count(disputes.count + matters.count)
        f["center.disputes"] = .count(disputes.count)
        f["center.disputes_police"] = .count(disputes.filter { $0.opening("channel") == "police_push" }.count)
        f["center.disputes_walk_in"] = .count(disputes.filter { $0.opening("channel") == "walk_in" }.count)
        let resolved = disputes.filter { c in
            guard let end = state(c, before: yearEnd) else { return false }
            return end.state == "closed" && ["mediation_succeeded", "resolve"].contains(end.enteredBy)
        }
        f["center.disputes_resolved"] = .count(resolved.count)
        f["center.other_matters"] = .count(matters.count)
        f["center.legal_consultations"] = .count(matters.filter { $0.opening("kind") == "legal_consultation" }.count)
        let resolvedNumbers = Set(resolved.map(\.number))
        let unresolved = disputes.filter { !resolvedNumbers.contains($0.number) }
        f["center.unresolved_followed"] = .count(unresolved.count)
        f["center.unresolved_followed_cadence"] = .count(unresolved.filter(metCadence).count)
    }

    /// From the first `route` before year end to the earlier of the next closure (`resolve`,
    /// `close`) or year end: no stretch longer than 7 days without a `weekly_review` or 31 days
    /// without a `monthly_visit` (counting from the route and up to the end), and follow-ups by all
    /// three tiers. A case never routed has no follow-up and does not meet it.
    func metCadence(_ c: Case) -> Bool {
        guard let route = c.events.first(where: { $0.event == "route" && $0.at < yearEnd }) else { return false }
        let closure = c.events.first { ["resolve", "close"].contains($0.event) && $0.at >= route.at }?.at
        let end = min(closure ?? yearEnd, yearEnd)
        let followUps = c.all(["follow_up"]).filter { $0.at >= route.at && $0.at <= end }
        func longestGap(_ kind: String) -> TimeInterval {
            let times = [route.at] + followUps.filter { $0.data["kind"]?.stringValue == kind }.map(\.at) + [end]
            return zip(times, times.dropFirst()).map { $1.timeIntervalSince($0) }.max() ?? 0
        }
        let tiers = Set(followUps.compactMap { $0.data["tier"]?.stringValue })
        return longestGap("weekly_review") <= 7 * 86_400 && longestGap("monthly_visit") <= 31 * 86_400
            && tiers.isSuperset(of: ["unit", "township", "grid"])
    }

    func review(into f: inout [String: Figure]) {
        let reviews = cases(.review)
        f["review.received"] = .count(reviews.filter { inYear($0.opening.at) }.count)
        f["review.concluded"] = .count(reviews.filter { c in c.all(["decide", "terminate"]).contains { inYear($0.at) } }.count)
        f["review.public_hearings"] = .count(reviews.flatMap { $0.all(["hearing"]) }
            .filter { inYear($0.at) && $0.data["public"]?.boolValue == true }.count)
        let decisions = reviews.flatMap { $0.all(["decide"]) }.filter { inYear($0.at) }
        let correcting: Set<String> = ["change", "revoke", "confirm_illegal", "order_performance", "confirm_invalid"]
        let corrected = decisions.filter { correcting.contains($0.data["outcome"]?.stringValue ?? "") }
        f["review.correction_rate"] = Self.percent(corrected.count, decisions.count, decimals: 1)

        let mediations = cases(.adminMediation)
        f["review.mediation_cases"] = .count(mediations.filter { inYear($0.opening.at) }.count)
        f["review.mediated_in_review"] = .count(mediations.filter { c in
            c.opening("stage") == "in_review" && c.all(["agree"]).contains { inYear($0.at) }
        }.count)
        f["review.prelitigation_open"] = .count(mediations.filter { c in
            c.opening("stage") == "pre_litigation" && state(c, before: yearEnd)?.state == "mediating"
        }.count)
    }

    func legalServices(into f: inout [String: Figure]) {
        f["legal_aid.visitors"] = .count(logs(.reception, site: "legal_service").count)
        let entering: Set<String> = ["grant", "notify", "objection_upheld"]
        f["legal_aid.cases"] = .count(cases(.legalAid).filter { c in c.all(entering).contains { inYear($0.at) } }.count)
        let notarized = cases(.notarization).filter { c in c.all(["accept"]).contains { inYear($0.at) } }
        f["notary.matters"] = .count(notarized.count)
        // Booked (预约): the flag, or `service: appointment` in files written before it existed.
        f["notary.appointments"] = .count(notarized.filter {
            $0.opening.data["booked"]?.boolValue == true || $0.opening("service") == "appointment"
        }.count)
        f["notary.home_visits"] = .count(notarized.filter {
            $0.opening("service") == "home_visit" && $0.opening.data["fee_waived"]?.boolValue == true
        }.count)
        let codes = Set(logs(.enterpriseCheckup).compactMap { $0.data["credit_code"]?.stringValue })
        f["legal_aid.enterprise_checkups"] = .count(codes.count)
    }
}
