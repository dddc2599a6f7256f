import Foundation

/// An event as the deadline engine reads it.
public struct TimedEvent: Sendable {
    public let event: String
    public let at: Date
    public let data: EventData

    public init(event: String, at: Date, data: EventData) {
        self.event = event
        self.at = at
        self.data = data
    }
}

/// Every clock of DOMAIN.md's "Deadlines" table, derived from a case's events — never typed in.
/// A clock never blocks an event; it only shows whether the event came in time.
public enum DeadlineEngine {
    public static func clocks(_ workflow: WorkflowID, events: [TimedEvent], calendar: WorkingCalendar,
                              settings: DeadlineSettings = DeadlineSettings(), today: LocalDate) throws -> [Clock] {
        var trackers: [ClockTracker]
        switch workflow {
        case .dispute: trackers = dispute(events)
        case .matter: trackers = []
        case .mediation: trackers = mediation(events)
        case .review: trackers = review(events)
        case .adminMediation: trackers = []
        case .legalAid: trackers = legalAid(events, settings: settings)
        case .notarization: trackers = notarization(events)
        }
        return try trackers.compactMap { try $0.clock(calendar: calendar, today: today) }
    }

    private static func walk(_ events: [TimedEvent], _ body: (TimedEvent, LocalDate) -> Void) {
        for event in events { body(event, LocalDate(event.at)) }
    }

    static func dispute(_ events: [TimedEvent]) -> [ClockTracker] {
        var objection = ClockTracker("unit_objection", "责任单位提出异议", "routed unit may object", length: 5, unit: .workingDays,
                                     lapse: "逾期未退回，视为责任单位接收 / not returned in time: the unit keeps the case")
        objection.isWindow = true
        walk(events) { event, day in
            switch event.event {
            case "route": objection.begin(day, by: "route 分类流转")
            case "return", "supervise", "resolve", "close": objection.stop(day)
            default: break
            }
        }
        return [objection]
    }

    static func mediation(_ events: [TimedEvent]) -> [ClockTracker] {
        var guidance = ClockTracker("mediation_guidance", "调解一般应在一个月内调结（指导性）", "mediation should finish (guidance)",
                                    length: 30, unit: .calendarDays)
        // A condition of validity enforced at apply_confirmation in plain calendar days; the clock
        // shows the same date so the two never disagree.
        var confirmation = ClockTracker("confirmation_window", "申请司法确认期限", "apply for judicial confirmation",
                                        length: 30, unit: .calendarDays,
                                        lapse: "逾期不得申请司法确认 / judicial confirmation can no longer be applied for")
        confirmation.shiftsOffRestDays = false
        confirmation.isWindow = true
        walk(events) { event, day in
            switch event.event {
            case "accept": guidance.begin(day, by: "accept 受理调解")
            case "agree":
                guidance.stop(day)
                if event.data["form"]?.stringValue == "written" { confirmation.begin(day, by: "agree 书面协议") }
            case "fail", "terminate", "rule": guidance.stop(day)
            case "apply_confirmation": confirmation.stop(day)
            case "confirmation_rejected": confirmation.reopen()
            default: break
            }
        }
        return [guidance, confirmation]
    }

    static func review(_ events: [TimedEvent]) -> [ClockTracker] {
        var acceptance = ClockTracker("acceptance_review", "受理审查", "acceptance review", length: 5, unit: .workingDays,
                                      lapse: "期满未作决定，自期满之日起视为受理（行政复议法第30条）/ deemed accepted when the period ends (art. 30)")
        var correction = ClockTracker("correction", "申请人补正", "applicant corrects", length: 10, unit: .workingDays,
                                      lapse: "无正当理由逾期不补正，视为放弃（第31条）/ deemed abandoned (art. 31)")
        correction.isWindow = true
        var decision = ClockTracker("decision", "作出复议决定", "decision", length: 60, unit: .calendarDays)
        walk(events) { event, day in
            switch event.event {
            case "receive": acceptance.begin(day, by: "receive 收到申请")
            case "request_correction":
                acceptance.stop(day)
                correction.begin(day, by: "request_correction 通知补正")
            case "corrected":
                correction.stop(day)
                acceptance.begin(day, by: "corrected 补正后重新审查")
            case "abandon": correction.stop(day)
            case "accept":
                acceptance.stop(day)
                let simplified = event.data["procedure"]?.stringValue == "simplified"
                decision.length = simplified ? 30 : 60
                decision.begin(day, by: simplified ? "accept 受理（简易程序）" : "accept 受理（普通程序）")
            case "reject": acceptance.stop(day)
            case "convert_procedure": decision.length = 60
            case "extend": decision.extend(by: Int(event.data["days"]?.numberValue ?? 0))
            case "suspend": decision.pause(day)
            case "resume": decision.resume(day)
            case "decide", "terminate": decision.stop(day)
            default: break
            }
        }
        return [acceptance, correction, decision]
    }

    static func legalAid(_ events: [TimedEvent], settings: DeadlineSettings) -> [ClockTracker] {
        var decision = ClockTracker("aid_decision", "审查决定是否给予法律援助", "decide on the application", length: 7,
                                    unit: settings.legalAidDecisionUnit)
        var assignment = ClockTracker("assignment", "指派承办人", "assign a provider", length: 3, unit: .calendarDays)
        var archive = ClockTracker("archive", "结案归档", "archive the file", length: 30, unit: .calendarDays)
        walk(events) { event, day in
            switch event.event {
            case "apply": decision.begin(day, by: "apply 申请")
            case "materials_supplied": decision.begin(day, by: "materials_supplied 材料补齐")
            case "request_materials", "grant", "deny", "withdraw": decision.stop(day)
            default: break
            }
            switch event.event {
            case "grant", "notify", "objection_upheld": assignment.begin(day, by: "\(event.event) 批准/通知")
            case "assign": assignment.stop(day)
            case "close": archive.begin(day, by: "close 结案")
            case "archive": archive.stop(day)
            default: break
            }
        }
        return [decision, assignment, archive]
    }

    static func notarization(_ events: [TimedEvent]) -> [ClockTracker] {
        var issue = ClockTracker("issue", "出具公证书", "issue the certificate", length: 15, unit: .workingDays)
        walk(events) { event, day in
            switch event.event {
            case "accept": issue.begin(day, by: "accept 受理")
            case "issue", "refuse", "terminate": issue.stop(day)
            default: break
            }
        }
        return [issue]
    }
}
