import Foundation

/// 人民调解 (and labour-dispute mediation, the work of `organization_kind: labor` organisations):
/// 调解中 → 达成协议 → 司法确认 → 已履行, or 调解不成 / 终止调解 / 政府处理决定.
public enum MediationRules: WorkflowRules {
    public enum State: String, WorkflowState {
        case mediating, agreed, failed, terminated, confirming, confirmed, ruled, performed

        public var zh: String {
            switch self {
            case .mediating: return "调解中"
            case .agreed: return "达成协议"
            case .failed: return "调解不成"
            case .terminated: return "终止调解"
            case .confirming: return "司法确认申请中"
            case .confirmed: return "已司法确认"
            case .ruled: return "政府处理决定"
            case .performed: return "已履行"
            }
        }
    }

    public enum Event: String, WorkflowEvent {
        case accept
        case agree
        case fail
        case terminate
        case rule
        case applyConfirmation = "apply_confirmation"
        case confirmationGranted = "confirmation_granted"
        case confirmationRejected = "confirmation_rejected"
        case performed
        case escalation
    }

    /// What the guards of `rule` and `apply_confirmation` need from `accept` and `agree`.
    public struct Context: Codable, Sendable, Equatable {
        public var big3: String?
        public var big3Nature: String?
        public var agreementForm: String?
        /// The county-local date (ISO) of the `agree` event: day 0 of the 30-day window for
        /// judicial confirmation (人民调解法 art. 33).
        public var agreementDate: String?
    }

    public static let id = WorkflowID.mediation
    public static let label = "人民调解"
    public static let casePrefix = "TJ"
    public static let concludingEvents: [Event] = [.agree, .fail, .terminate, .rule]
    public static let statisticsColumns = ["township", "category", "source", "organization_kind", "big3", "big3_nature", "amount"]
    public static let initialContext = Context()
    /// 人民调解法 art. 33: the joint application is made within 30 days of the agreement taking effect.
    public static let confirmationWindowDays = 30
    /// Escalation is recorded while the dispute is still live.
    static let live: [State] = [.mediating, .agreed, .confirming, .confirmed]

    public static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .accept: return .create(.mediating)
        case .agree: return .move(from: [.mediating], to: .agreed)
        case .fail: return .move(from: [.mediating], to: .failed)
        case .terminate: return .move(from: [.mediating], to: .terminated)
        case .rule: return .move(from: [.mediating], to: .ruled)
        case .applyConfirmation: return .move(from: [.agreed], to: .confirming)
        case .confirmationGranted: return .move(from: [.confirming], to: .confirmed)
        case .confirmationRejected: return .move(from: [.confirming], to: .agreed)
        case .performed: return .move(from: [.agreed, .confirmed], to: .performed)
        case .escalation: return .stay(in: live)
        }
    }

    public static func spec(for event: Event) -> EventSpec {
        switch event {
        case .accept:
            return EventSpec(event.rawValue, "受理调解", [
                FieldSpec("organization", "调解组织", .text),
                FieldSpec("organization_kind", "调解组织类型", .choice(Vocabulary.organizationKind)),
                FieldSpec("source", "案件来源", .choice(Vocabulary.mediationSource)),
                .optional("referral_case", "委派/移送案号", .text),
                FieldSpec("category", "纠纷类型", .choice(Vocabulary.category)),
                .optional("big3", "三大纠纷", .choice(Vocabulary.big3)),
                .optional("big3_nature", "三大纠纷性质", .choice(Vocabulary.big3Nature)),
                FieldSpec("township", "乡镇", .text),
                .optional("amount", "争议金额（元）", .amount),
                FieldSpec("parties", "当事人", .parties),
            ])
        case .agree:
            return EventSpec(event.rawValue, "达成调解协议", [
                FieldSpec("form", "协议形式", .choice(Vocabulary.agreementForm)),
                .optional("amount", "协议金额（元）", .amount),
            ])
        case .fail:
            return EventSpec(event.rawValue, "调解不成", [FieldSpec("reason", "原因", .text)])
        case .terminate:
            return EventSpec(event.rawValue, "终止调解", [FieldSpec("reason", "原因（如当事人撤回）", .text)])
        case .rule:
            return EventSpec(event.rawValue, "人民政府处理决定", [FieldSpec("authority", "作出决定的人民政府", .text)])
        case .applyConfirmation:
            return EventSpec(event.rawValue, "申请司法确认", [FieldSpec("court", "受理法院", .text)])
        case .confirmationGranted:
            return EventSpec(event.rawValue, "裁定确认协议有效", [FieldSpec("ruling_no", "裁定书文号", .text)])
        case .confirmationRejected:
            return EventSpec(event.rawValue, "司法确认驳回或不予受理", [FieldSpec("reason", "理由", .text)])
        case .performed:
            return EventSpec(event.rawValue, "履行完毕")
        case .escalation:
            return EventSpec(event.rawValue, "矛盾升级", [FieldSpec("kind", "升级类型", .choice(Vocabulary.escalationKind))])
        }
    }

    public static func isClosed(_ state: State) -> Bool {
        switch state {
        case .failed, .terminated, .ruled, .performed: return true
        case .mediating, .agreed, .confirming, .confirmed: return false
        }
    }

    public static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws {
        switch event {
        case .accept:
            // The nature is what decides the route (government decision vs. confirmation), so a
            // big-3 case must state it, and a nature without a big-3 kind means nothing.
            let big3 = data["big3"]?.stringValue, nature = data["big3_nature"]?.stringValue
            if big3 != nil, nature == nil {
                throw DomainError.invalidData([FieldProblem(
                    field: "big3_nature", rule: "required",
                    zh: "三大纠纷须填写纠纷性质（\(Vocabulary.big3Nature.listing)）",
                    en: "is required when big3 is given (\(Vocabulary.big3Nature.ids.joined(separator: ", ")))")])
            }
            if big3 == nil, nature != nil {
                throw DomainError.invalidData([FieldProblem(
                    field: "big3_nature", rule: "requires-big3",
                    zh: "只有三大纠纷（土地、山林、水利）才填写纠纷性质",
                    en: "is only given for a big-3 dispute (big3: land, forest or water)")])
            }
        case .rule:
            guard isBig3Ownership(context) else {
                throw DomainError.guardFailed(
                    "只有三大纠纷中的权属争议由人民政府作出处理决定（土地管理法第14条、森林法第22条）",
                    "only a big-3 dispute over ownership is decided by the people's government")
            }
        case .applyConfirmation:
            guard context.agreementForm == "written" else {
                throw DomainError.guardFailed(
                    "只有书面调解协议可以申请司法确认；本案为口头协议",
                    "only a written agreement can be judicially confirmed; this agreement is oral")
            }
            guard !isBig3Ownership(context) else {
                throw DomainError.guardFailed(
                    "确认物权权属的调解协议不能申请司法确认（民诉法解释第355条）",
                    "an agreement confirming ownership of real rights cannot be judicially confirmed (SPC interpretation art. 355)")
            }
            guard let agreed = context.agreementDate.flatMap(LocalDate.parse) else {
                throw DomainError.guardFailed("本案没有调解协议日期", "the case has no agreement date")
            }
            let applied = LocalDate(at)
            let day = applied.dayNumber - agreed.dayNumber
            let last = agreed.adding(days: confirmationWindowDays)
            guard day <= confirmationWindowDays else {
                throw DomainError.guardFailed(
                    "司法确认须自调解协议生效之日起\(confirmationWindowDays)日内申请：协议 \(agreed)，期限届满 \(last)，申请日 \(applied) 为第\(day)日",
                    "judicial confirmation must be applied for within \(confirmationWindowDays) days of the agreement: agreed \(agreed), last day \(last), applied \(applied) (day \(day))")
            }
        case .agree, .fail, .terminate, .confirmationGranted, .confirmationRejected, .performed, .escalation:
            return
        }
    }

    public static func evolve(_ context: inout Context, event: Event, data: EventData, at: Date, from: State?, to: State) {
        switch event {
        case .accept:
            context.big3 = data["big3"]?.stringValue
            context.big3Nature = data["big3_nature"]?.stringValue
        case .agree:
            context.agreementForm = data["form"]?.stringValue
            context.agreementDate = LocalDate(at).description
        case .fail, .terminate, .rule, .applyConfirmation, .confirmationGranted, .confirmationRejected,
             .performed, .escalation:
            return
        }
    }

    public static func outcome(of event: Event, data: EventData) -> Outcome {
        switch event {
        case .agree: return .set("agreed")
        case .fail: return .set("failed")
        case .terminate: return .set("terminated")
        case .rule: return .set("ruled")
        case .performed: return .set("performed")
        case .accept, .applyConfirmation, .confirmationGranted, .confirmationRejected, .escalation:
            return .keep
        }
    }

    static func isBig3Ownership(_ context: Context) -> Bool {
        context.big3 != nil && context.big3Nature == "ownership"
    }

    /// Mediators record mediation as well as clerks do.
    public static func recorders(of event: Event) -> Set<Role> { [.clerk, .mediator, .admin] }

    /// Guidance, not a statute: mediation should finish within a month.
    public static let guidance = ClockSpec(
        "mediation_guidance", "调解一般应在一个月内调结（指导性）", "mediation should finish (guidance)",
        length: 30, unit: .calendarDays, basis: "人民调解工作若干规定（指导性）", kind: .advisory)

    /// A condition of validity enforced by `check` at apply_confirmation in plain calendar days; the
    /// clock shows the same date (no rest-day shift) so the two never disagree.
    public static let confirmationWindow = ClockSpec(
        "confirmation_window", "申请司法确认期限", "apply for judicial confirmation",
        length: confirmationWindowDays, unit: .calendarDays, basis: "人民调解法第33条",
        lapse: "逾期不得申请司法确认 / judicial confirmation can no longer be applied for",
        isWindow: true, shiftsOffRestDays: false)

    public static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker] {
        var guidance = ClockTracker(guidance)
        var confirmation = ClockTracker(confirmationWindow)
        for event in history {
            switch event.event {
            case .accept: guidance.begin(event.day, by: "accept 受理调解")
            case .agree:
                guidance.stop(event.day)
                if event.data["form"]?.stringValue == "written" { confirmation.begin(event.day, by: "agree 书面协议") }
            case .fail, .terminate, .rule: guidance.stop(event.day)
            case .applyConfirmation: confirmation.stop(event.day)
            case .confirmationRejected: confirmation.reopen()
            case .confirmationGranted, .performed, .escalation: break
            }
        }
        return [guidance, confirmation]
    }
}

extension WorkflowID {
    public static let mediation = WorkflowID("mediation")
}
