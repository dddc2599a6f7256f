import Foundation

/// 县综治中心 six-step loop (六步闭环): 登记受理 → 先行调解 → 风险研判 → 分类流转 → 跟踪督办 → 案结事了.
public enum DisputeRules: WorkflowRules {
    public enum State: String, WorkflowState {
        case registered, mediating, assessing, routed, supervising, closed

        public var zh: String {
            switch self {
            case .registered: return "登记受理"
            case .mediating: return "先行调解"
            case .assessing: return "风险研判"
            case .routed: return "分类流转"
            case .supervising: return "跟踪督办"
            case .closed: return "案结事了"
            }
        }
    }

    public enum Event: String, WorkflowEvent {
        case register
        case startMediation = "start_mediation"
        case mediationSucceeded = "mediation_succeeded"
        case mediationFailed = "mediation_failed"
        case skipMediation = "skip_mediation"
        case assess
        case route
        case `return`
        case supervise
        case followUp = "follow_up"
        case resolve
        case close
        case reopen
        case escalation
    }

    /// `route` needs an `assess` since the case last entered assessing.
    public struct Context: Codable, Sendable, Equatable {
        public var assessedSinceEntering = false
    }

    public static let id = WorkflowID.dispute
    public static let label = "矛盾纠纷（六步闭环）"
    public static let casePrefix = "JF"
    public static let concludingEvents: [Event] = [.mediationSucceeded, .resolve, .close]
    /// The states in which a routed dispute is followed up (每周研判、每月回访).
    public static let followedStates: [State] = [.routed, .supervising]
    public static let statisticsColumns = ["township", "category", "channel", "amount"]
    public static let initialContext = Context()
    static let open: [State] = [.registered, .mediating, .assessing, .routed, .supervising]

    public static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .register: return .create(.registered)
        case .startMediation: return .move(from: [.registered], to: .mediating)
        case .mediationSucceeded: return .move(from: [.mediating], to: .closed)
        case .mediationFailed: return .move(from: [.mediating], to: .assessing)
        case .skipMediation: return .move(from: [.registered], to: .assessing)
        case .assess: return .stay(in: [.assessing])
        case .route: return .move(from: [.assessing], to: .routed)
        case .return: return .move(from: [.routed], to: .assessing)
        case .supervise: return .move(from: [.routed], to: .supervising)
        case .followUp: return .stay(in: [.routed, .supervising])
        case .resolve: return .move(from: [.routed, .supervising], to: .closed)
        case .close: return .move(from: open, to: .closed)
        case .reopen: return .move(from: [.closed], to: .assessing)
        case .escalation: return .stay(in: open)
        }
    }

    public static func spec(for event: Event) -> EventSpec {
        switch event {
        case .register:
            return EventSpec(event.rawValue, "登记受理", [
                FieldSpec("channel", "来源渠道", .choice(Vocabulary.disputeChannel)),
                FieldSpec("category", "纠纷类型", .choice(Vocabulary.category)),
                FieldSpec("township", "乡镇", .text),
                FieldSpec("summary", "纠纷简要情况", .text),
                FieldSpec("parties", "当事人", .parties),
                .optional("people_involved", "涉及人数", .count),
                .optional("amount", "涉及金额（元）", .amount),
            ])
        case .startMediation:
            return EventSpec(event.rawValue, "先行调解", [FieldSpec("mediator", "调解员", .text)])
        case .mediationSucceeded:
            return EventSpec(event.rawValue, "调解成功", [FieldSpec("agreement", "协议形式", .choice(Vocabulary.agreementForm))])
        case .mediationFailed:
            return EventSpec(event.rawValue, "调解不成", [FieldSpec("reason", "原因（如：当事人拒绝调解、双方分歧较大）", .text)])
        case .skipMediation:
            return EventSpec(event.rawValue, "不经调解转研判", [FieldSpec("reason", "原因", .text)])
        case .assess:
            return EventSpec(event.rawValue, "风险研判", [
                FieldSpec("risk", "风险等级", .choice(Vocabulary.risk)),
                FieldSpec("complexity", "复杂程度", .choice(Vocabulary.complexity)),
                FieldSpec("basis", "研判依据", .text),
            ])
        case .route:
            return EventSpec(event.rawValue, "分类流转", [
                FieldSpec("unit", "责任单位", .text),
                FieldSpec("legal_channel", "法定途径", .text),
                FieldSpec("due", "办理期限", .date),
            ])
        case .return:
            return EventSpec(event.rawValue, "责任单位退回", [FieldSpec("reason", "退回理由", .text)])
        case .supervise:
            return EventSpec(event.rawValue, "跟踪督办", [
                FieldSpec("notice", "督办通知", .text),
                FieldSpec("due", "督办期限", .date),
            ])
        case .followUp:
            return EventSpec(event.rawValue, "跟进回访", [
                FieldSpec("tier", "层级", .choice(Vocabulary.followUpTier)),
                FieldSpec("kind", "方式", .choice(Vocabulary.followUpKind)),
            ])
        case .resolve:
            return EventSpec(event.rawValue, "化解办结", [FieldSpec("basis", "化解依据", .text)])
        case .close:
            return EventSpec(event.rawValue, "结案（未化解）", [FieldSpec("outcome", "结案方式", .choice(Vocabulary.disputeCloseOutcome))])
        case .reopen:
            return EventSpec(event.rawValue, "重新研判", [FieldSpec("reason", "原因（如回访发现反弹）", .text)])
        case .escalation:
            return EventSpec(event.rawValue, "矛盾升级", [FieldSpec("kind", "升级类型", .choice(Vocabulary.escalationKind))])
        }
    }

    public static func isClosed(_ state: State) -> Bool { state == .closed }

    public static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws {
        if event == .route, !context.assessedSinceEntering {
            throw DomainError.guardFailed(
                "分类流转前须先进行风险研判（assess）",
                "route needs an assess since the case last entered assessing")
        }
    }

    public static func evolve(_ context: inout Context, event: Event, data: EventData, at: Date, from: State?, to: State) {
        if event == .assess {
            context.assessedSinceEntering = true
        } else if to == .assessing {
            context.assessedSinceEntering = false
        }
    }

    public static func outcome(of event: Event, data: EventData) -> Outcome {
        switch event {
        case .mediationSucceeded, .resolve: return .set("resolved")
        case .close: return data["outcome"]?.stringValue.map(Outcome.set) ?? .keep
        case .reopen: return .clear
        case .register, .startMediation, .mediationFailed, .skipMediation, .assess, .route, .return,
             .supervise, .followUp, .escalation:
            return .keep
        }
    }

    /// The centre's mediators record its mediation steps as well as clerks do.
    public static func recorders(of event: Event) -> Set<Role> { [.clerk, .mediator, .admin] }

    /// The routed unit may object within 5 working days (DOMAIN.md, Deadlines).
    public static let unitObjection = ClockSpec(
        "unit_objection", "责任单位提出异议", "routed unit may object", length: 5, unit: .workingDays,
        basis: "县综治中心工作规则（分类流转）",
        lapse: "逾期未退回，视为责任单位接收 / not returned in time: the unit keeps the case", isWindow: true, kind: .centreSet)
    /// The responsible unit's handling deadline: the `due` the centre set when it routed the case
    /// (met by `resolve`, `close` or `supervise`; a `return` hands the case back).
    public static let handling = ClockSpec.setDate("unit_handling", "责任单位办理期限", "the responsible unit handles the case",
                                                   basis: "分类流转交办（route 的 due）")
    /// The supervision deadline the centre set with `supervise` (met by `resolve` or `close`).
    public static let supervision = ClockSpec.setDate("supervision", "督办期限", "supervision deadline",
                                                      basis: "跟踪督办通知（supervise 的 due）")

    public static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker] {
        var objection = ClockTracker(unitObjection)
        var handling = ClockTracker(handling)
        var supervision = ClockTracker(supervision)
        for event in history {
            let day = event.day
            switch event.event {
            case .route:
                objection.begin(day, by: "route 分类流转")
                if let due = event.data["due"]?.stringValue.flatMap(LocalDate.parse) {
                    handling.begin(day, by: "route 分类流转", due: due)
                }
            case .return:
                objection.stop(day)
                handling.stop(day)
            case .supervise:
                objection.stop(day)
                handling.stop(day)
                if let due = event.data["due"]?.stringValue.flatMap(LocalDate.parse) {
                    supervision.begin(day, by: "supervise 跟踪督办", due: due)
                }
            case .resolve, .close, .mediationSucceeded:
                objection.stop(day)
                handling.stop(day)
                supervision.stop(day)
            case .register, .startMediation, .mediationFailed, .skipMediation, .assess, .followUp, .reopen, .escalation:
                break
            }
        }
        return [objection, handling, supervision]
    }
}

extension WorkflowID {
    public static let dispute = WorkflowID("dispute")
}
