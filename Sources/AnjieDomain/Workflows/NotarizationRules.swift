import Foundation

/// 公证: an application is accepted and a certificate issued within 15 working days (公证法 art. 30),
/// or the matter is refused (art. 31) or terminated.
public enum NotarizationRules: WorkflowRules {
    public enum State: String, WorkflowState {
        case applied, accepted, issued, refused, terminated

        public var zh: String {
            switch self {
            case .applied: return "已申请"
            case .accepted: return "已受理"
            case .issued: return "已出具公证书"
            case .refused: return "不予办理"
            case .terminated: return "终止公证"
            }
        }
    }

    public enum Event: String, WorkflowEvent {
        case apply
        case accept
        case issue
        case refuse
        case terminate
    }

    public typealias Context = NoContext

    public static let id = WorkflowID.notarization
    public static let label = "公证"
    public static let commandName = "notary"
    public static let aliases = ["notarization"]
    public static let casePrefix = "GZ"
    public static let concludingEvents: [Event] = [.issue, .refuse, .terminate]
    public static let statisticsColumns = ["township", "service", "booked", "fee_waived"]
    public static let initialContext = NoContext()

    public static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .apply: return .create(.applied)
        case .accept: return .move(from: [.applied], to: .accepted)
        case .issue: return .move(from: [.accepted], to: .issued)
        case .refuse: return .move(from: [.applied, .accepted], to: .refused)
        case .terminate: return .move(from: [.applied, .accepted], to: .terminated)
        }
    }

    public static func spec(for event: Event) -> EventSpec {
        switch event {
        case .apply:
            return EventSpec(event.rawValue, "申请公证", [
                FieldSpec("matter", "公证事项", .text),
                FieldSpec("service", "服务方式", .choice(Vocabulary.notaryService)),
                .optional("booked", "预约办证", .flag),
                .optional("fee_waived", "免收费用", .flag),
                .optional("township", "乡镇", .text),
                .optional("parties", "当事人", .parties),
            ])
        case .accept:
            return EventSpec(event.rawValue, "受理公证")
        case .issue:
            return EventSpec(event.rawValue, "出具公证书", [.optional("certificate_no", "公证书编号（如（2025）桂柳城证字第123号）", .text)])
        case .refuse:
            return EventSpec(event.rawValue, "不予办理公证", [FieldSpec("reason", "理由", .text)])
        case .terminate:
            return EventSpec(event.rawValue, "终止公证", [FieldSpec("reason", "理由", .text)])
        }
    }

    /// Files written before `booked` existed say `service: appointment` (预约办证): that reads as a
    /// window matter made by appointment (DOMAIN.md).
    public static let legacyAppointment = ["appointment", "预约办证"]

    public static func upgrade(_ event: Event, data: EventData) -> EventData {
        guard event == .apply, let service = data["service"]?.stringValue,
              legacyAppointment.contains(service.trimmingCharacters(in: .whitespaces).lowercased()) else { return data }
        var data = data
        data["service"] = .string("window")
        if data["booked"] == nil { data["booked"] = .bool(true) }
        return data
    }

    public static func isClosed(_ state: State) -> Bool {
        switch state {
        case .issued, .refused, .terminated: return true
        case .applied, .accepted: return false
        }
    }

    public static func outcome(of event: Event, data: EventData) -> Outcome {
        switch event {
        case .issue: return .set("issued")
        case .refuse: return .set("refused")
        case .terminate: return .set("terminated")
        case .apply, .accept: return .keep
        }
    }

    public static let issueCertificate = ClockSpec(
        "issue", "出具公证书", "issue the certificate", length: 15, unit: .workingDays, basis: "公证法第30条")

    public static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker] {
        var issue = ClockTracker(issueCertificate)
        for event in history {
            switch event.event {
            case .accept: issue.begin(event.day, by: "accept 受理")
            case .issue, .refuse, .terminate: issue.stop(event.day)
            case .apply: break
            }
        }
        return [issue]
    }
}

extension WorkflowID {
    public static let notarization = WorkflowID("notarization")
}
