import Foundation

/// 行政复议 under the 2023 law: an application is received, perhaps corrected, accepted (or
/// rejected), heard, and ends in a decision or a termination.
public enum ReviewRules: WorkflowRules {
    public enum State: String, WorkflowState {
        case received, correcting, accepted, suspended, decided, terminated, rejected, abandoned

        public var zh: String {
            switch self {
            case .received: return "已收到申请"
            case .correcting: return "补正中"
            case .accepted: return "已受理"
            case .suspended: return "中止"
            case .decided: return "已决定"
            case .terminated: return "已终止"
            case .rejected: return "不予受理"
            case .abandoned: return "视为放弃"
            }
        }
    }

    public enum Event: String, WorkflowEvent {
        case receive
        case requestCorrection = "request_correction"
        case corrected
        case abandon
        case accept
        case reject
        case convertProcedure = "convert_procedure"
        case hearing
        case extend
        case suspend
        case resume
        case decide
        case terminate
    }

    /// The procedure in force (art. 53–55 simplified may become ordinary) and the one extension (art. 62).
    public struct Context: Codable, Sendable, Equatable {
        public var procedure: String?
        /// Days added by `extend`; nil while the decision period has not been extended.
        public var extensionDays: Int?
    }

    public static let id = WorkflowID.review
    public static let label = "行政复议"
    public static let casePrefix = "FY"
    public static let concludingEvents: [Event] = [.decide, .terminate, .reject, .abandon]
    public static let statisticsColumns = ["township", "channel", "amount"]
    public static let initialContext = Context()
    /// Corrected (纠错, DOMAIN.md): decided with change, revoke, confirm_illegal, order_performance or
    /// confirm_invalid — the decisions that correct the act.
    public static let correctiveOutcomes = ["change", "revoke", "confirm_illegal", "order_performance", "confirm_invalid"]
    /// 行政复议法 art. 62: extended once, by at most 30 days.
    public static let maxExtensionDays = 30

    public static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .receive: return .create(.received)
        case .requestCorrection: return .move(from: [.received], to: .correcting)
        case .corrected: return .move(from: [.correcting], to: .received)
        case .abandon: return .move(from: [.correcting], to: .abandoned)
        case .accept: return .move(from: [.received], to: .accepted)
        case .reject: return .move(from: [.received], to: .rejected)
        case .convertProcedure: return .stay(in: [.accepted])
        case .hearing: return .stay(in: [.accepted])
        case .extend: return .stay(in: [.accepted])
        case .suspend: return .move(from: [.accepted], to: .suspended)
        case .resume: return .move(from: [.suspended], to: .accepted)
        case .decide: return .move(from: [.accepted], to: .decided)
        case .terminate: return .move(from: [.accepted, .suspended], to: .terminated)
        }
    }

    public static func spec(for event: Event) -> EventSpec {
        switch event {
        case .receive:
            return EventSpec(event.rawValue, "收到复议申请", [
                FieldSpec("respondent", "被申请人", .text),
                FieldSpec("act", "被申请行政行为", .text),
                FieldSpec("act_date", "行政行为作出日期", .date),
                FieldSpec("known_date", "知道该行为日期", .date),
                FieldSpec("channel", "申请方式", .text),
                FieldSpec("parties", "当事人", .parties),
                .optional("amount", "涉及金额（元）", .amount),
                .optional("township", "乡镇", .text),
            ])
        case .requestCorrection:
            return EventSpec(event.rawValue, "通知补正", [FieldSpec("items", "一次性告知补正事项", .textList)])
        case .corrected:
            return EventSpec(event.rawValue, "补正材料")
        case .abandon:
            return EventSpec(event.rawValue, "逾期未补正视为放弃")
        case .accept:
            return EventSpec(event.rawValue, "受理", [FieldSpec("procedure", "审理程序", .choice(Vocabulary.reviewProcedure))])
        case .reject:
            return EventSpec(event.rawValue, "决定不予受理", [FieldSpec("reason", "理由", .text)])
        case .convertProcedure:
            return EventSpec(event.rawValue, "转为普通程序", [
                FieldSpec("to", "转为", .choice(Vocabulary.reviewProcedure)),
                .optional("reason", "理由", .text),
            ])
        case .hearing:
            return EventSpec(event.rawValue, "听证", [
                FieldSpec("date", "听证日期", .date),
                FieldSpec("public", "是否公开", .flag),
            ])
        case .extend:
            // The reason (情况复杂, approved by the organ's head) is in the contract; optional so
            // files written before it was named still import.
            return EventSpec(event.rawValue, "延长审理期限", [
                FieldSpec("days", "延长天数（≤30）", .count),
                .optional("reason", "延长理由（情况复杂，经负责人批准）", .text),
            ])
        case .suspend:
            return EventSpec(event.rawValue, "中止审理", [FieldSpec("ground", "中止事由（第39条）", .text)])
        case .resume:
            return EventSpec(event.rawValue, "恢复审理")
        case .decide:
            return EventSpec(event.rawValue, "作出复议决定", [FieldSpec("outcome", "决定类型", .choice(Vocabulary.reviewOutcome))])
        case .terminate:
            return EventSpec(event.rawValue, "终止复议", [FieldSpec("reason", "终止原因", .choice(Vocabulary.reviewTerminateReason))])
        }
    }

    public static func isClosed(_ state: State) -> Bool {
        switch state {
        case .decided, .terminated, .rejected, .abandoned: return true
        case .received, .correcting, .accepted, .suspended: return false
        }
    }

    public static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws {
        switch event {
        case .convertProcedure:
            guard data["to"]?.stringValue == "ordinary" else {
                throw DomainError.guardFailed("只能由简易程序转为普通程序", "a review can only be converted to the ordinary procedure")
            }
            guard context.procedure == "simplified" else {
                throw DomainError.guardFailed(
                    "本案适用\(Vocabulary.reviewProcedure.label(of: context.procedure ?? "ordinary"))，只有简易程序可以转为普通程序",
                    "the case is under the \(context.procedure ?? "ordinary") procedure; only a simplified one can be converted")
            }
        case .extend:
            let days = data["days"]?.numberValue.map { Int($0) } ?? 0
            guard (1...maxExtensionDays).contains(days) else {
                throw DomainError.invalidData([FieldProblem(
                    field: "days", rule: "range", zh: "延长期限为1至\(maxExtensionDays)日", en: "must be 1 to \(maxExtensionDays) days")])
            }
            guard context.extensionDays == nil else {
                throw DomainError.guardFailed(
                    "审理期限只能延长一次（已延长\(context.extensionDays ?? 0)日）",
                    "the decision period can be extended only once (already extended by \(context.extensionDays ?? 0) days)")
            }
            guard context.procedure == "ordinary" else {
                throw DomainError.guardFailed("简易程序不能延长审理期限；须先转为普通程序",
                                              "the simplified procedure cannot be extended; convert it to ordinary first")
            }
        case .receive, .requestCorrection, .corrected, .abandon, .accept, .reject, .hearing, .suspend, .resume,
             .decide, .terminate:
            return
        }
    }

    public static func evolve(_ context: inout Context, event: Event, data: EventData, at: Date, from: State?, to: State) {
        switch event {
        case .accept: context.procedure = data["procedure"]?.stringValue
        case .convertProcedure: context.procedure = data["to"]?.stringValue
        case .extend: context.extensionDays = data["days"]?.numberValue.map { Int($0) }
        case .receive, .requestCorrection, .corrected, .abandon, .reject, .hearing, .suspend, .resume, .decide,
             .terminate:
            return
        }
    }

    public static func outcome(of event: Event, data: EventData) -> Outcome {
        switch event {
        case .decide: return data["outcome"]?.stringValue.map(Outcome.set) ?? .keep
        case .terminate: return .set("terminated")
        case .reject: return .set("rejected")
        case .abandon: return .set("abandoned")
        case .receive, .requestCorrection, .corrected, .accept, .convertProcedure, .hearing, .extend, .suspend,
             .resume:
            return .keep
        }
    }

    public static let acceptanceReview = ClockSpec(
        "acceptance_review", "受理审查", "acceptance review", length: 5, unit: .workingDays, basis: "行政复议法第30条",
        lapse: "期满未作决定，自期满之日起视为受理（行政复议法第30条）/ deemed accepted when the period ends (art. 30)")
    public static let correction = ClockSpec(
        "correction", "申请人补正", "applicant corrects", length: 10, unit: .workingDays, basis: "行政复议法第31条",
        lapse: "无正当理由逾期不补正，视为放弃（第31条）/ deemed abandoned (art. 31)", isWindow: true)
    /// Ordinary procedure; `extend` adds up to `maxExtensionDays` once.
    public static let decision = ClockSpec(
        "decision", "作出复议决定", "decision", length: 60, unit: .calendarDays, basis: "行政复议法第62条")
    /// Simplified procedure (art. 62 ¶2).
    public static let simplifiedDecisionDays = 30

    public static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker] {
        var acceptance = ClockTracker(acceptanceReview)
        var correction = ClockTracker(correction)
        var decision = ClockTracker(decision)
        for event in history {
            let day = event.day
            switch event.event {
            case .receive: acceptance.begin(day, by: "receive 收到申请")
            case .requestCorrection:
                acceptance.stop(day)
                correction.begin(day, by: "request_correction 通知补正")
            case .corrected:
                correction.stop(day)
                acceptance.begin(day, by: "corrected 补正后重新审查")
            case .abandon: correction.stop(day)
            case .accept:
                acceptance.stop(day)
                let simplified = event.data["procedure"]?.stringValue == "simplified"
                decision.length = simplified ? simplifiedDecisionDays : Self.decision.length
                decision.begin(day, by: simplified ? "accept 受理（简易程序）" : "accept 受理（普通程序）")
            case .reject: acceptance.stop(day)
            case .convertProcedure: decision.length = Self.decision.length
            case .extend: decision.extend(by: Int(event.data["days"]?.numberValue ?? 0))
            case .suspend: decision.pause(day)
            case .resume: decision.resume(day)
            case .decide, .terminate: decision.stop(day)
            case .hearing: break
            }
        }
        return [acceptance, correction, decision]
    }
}

extension WorkflowID {
    public static let review = WorkflowID("review")
}
