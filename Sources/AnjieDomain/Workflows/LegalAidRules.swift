import Foundation

/// 法律援助 (法律援助法 2022): an application is examined and granted or denied (with an objection
/// to the justice bureau), or a court, procuratorate or police notifies a case; a provider is
/// assigned, the case ends and the file is archived.
public enum LegalAidRules: WorkflowRules {
    public enum State: String, WorkflowState {
        case applied
        case awaitingMaterials = "awaiting_materials"
        case granted, denied, objecting, assigned, terminated, closed, archived, withdrawn

        public var zh: String {
            switch self {
            case .applied: return "已申请"
            case .awaitingMaterials: return "待补充材料"
            case .granted: return "准予援助"
            case .denied: return "不予援助"
            case .objecting: return "异议审查中"
            case .assigned: return "已指派"
            case .terminated: return "已终止援助"
            case .closed: return "已结案"
            case .archived: return "已归档"
            case .withdrawn: return "已撤回"
            }
        }
    }

    public enum Event: String, WorkflowEvent {
        case apply
        case notify
        case requestMaterials = "request_materials"
        case materialsSupplied = "materials_supplied"
        case withdraw
        case grant
        case deny
        case object
        case objectionUpheld = "objection_upheld"
        case objectionRejected = "objection_rejected"
        case assign
        case changeProvider = "change_provider"
        case terminate
        case close
        case archive
    }

    public typealias Context = NoContext

    public static let id = WorkflowID.legalAid
    public static let label = "法律援助"
    public static let casePrefix = "YZ"
    public static let concludingEvents: [Event] = [.close, .terminate, .withdraw]
    public static let statisticsColumns = ["township", "case_type"]
    public static let initialContext = NoContext()

    public static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .apply: return .create(.applied)
        case .notify: return .create(.granted)
        case .requestMaterials: return .move(from: [.applied], to: .awaitingMaterials)
        case .materialsSupplied: return .move(from: [.awaitingMaterials], to: .applied)
        case .withdraw: return .move(from: [.applied, .awaitingMaterials], to: .withdrawn)
        case .grant: return .move(from: [.applied], to: .granted)
        case .deny: return .move(from: [.applied], to: .denied)
        case .object: return .move(from: [.denied], to: .objecting)
        case .objectionUpheld: return .move(from: [.objecting], to: .granted)
        case .objectionRejected: return .move(from: [.objecting], to: .denied)
        case .assign: return .move(from: [.granted], to: .assigned)
        case .changeProvider: return .stay(in: [.assigned])
        case .terminate: return .move(from: [.assigned], to: .terminated)
        case .close: return .move(from: [.assigned], to: .closed)
        case .archive: return .move(from: [.closed], to: .archived)
        }
    }

    public static func spec(for event: Event) -> EventSpec {
        switch event {
        case .apply:
            return EventSpec(event.rawValue, "申请法律援助", [
                FieldSpec("case_type", "案件类型", .choice(Vocabulary.legalAidCaseType)),
                FieldSpec("matter", "援助事项", .text),
                .optional("population", "受援人群", .choiceList(Vocabulary.population)),
                FieldSpec("parties", "当事人", .parties),
                .optional("township", "乡镇", .text),
            ])
        case .notify:
            return EventSpec(event.rawValue, "通知辩护或代理", [
                FieldSpec("by", "通知机关", .choice(Vocabulary.notifyingBody)),
                FieldSpec("case_type", "案件类型", .choice(Vocabulary.legalAidCaseType)),
                FieldSpec("matter", "援助事项", .text),
                FieldSpec("parties", "当事人", .parties),
                .optional("population", "受援人群", .choiceList(Vocabulary.population)),
                .optional("township", "乡镇", .text),
            ])
        case .requestMaterials:
            return EventSpec(event.rawValue, "一次性告知补充材料", [FieldSpec("items", "需补充的材料", .textList)])
        case .materialsSupplied:
            return EventSpec(event.rawValue, "材料已补齐")
        case .withdraw:
            return EventSpec(event.rawValue, "撤回申请")
        case .grant:
            return EventSpec(event.rawValue, "决定给予法律援助", [FieldSpec("means_test", "经济困难审查", .choice(Vocabulary.meansTest))])
        case .deny:
            return EventSpec(event.rawValue, "决定不予法律援助", [FieldSpec("reason", "理由", .text)])
        case .object:
            return EventSpec(event.rawValue, "向司法行政部门提出异议", [.optional("reason", "异议理由", .text)])
        case .objectionUpheld:
            return EventSpec(event.rawValue, "异议成立")
        case .objectionRejected:
            return EventSpec(event.rawValue, "异议不成立")
        case .assign:
            return EventSpec(event.rawValue, "指派承办人", [FieldSpec("provider", "承办律师、律所或援助人员", .text)])
        case .changeProvider:
            return EventSpec(event.rawValue, "更换承办人", [
                FieldSpec("provider", "新承办人", .text),
                FieldSpec("reason", "更换理由", .text),
            ])
        case .terminate:
            return EventSpec(event.rawValue, "终止法律援助", [FieldSpec("ground", "终止事由（第48条）", .text)])
        case .close:
            return EventSpec(event.rawValue, "结案", [FieldSpec("result", "办案结果", .text)])
        case .archive:
            return EventSpec(event.rawValue, "归档")
        }
    }

    /// `denied` stays open: the applicant may still object (art. 49).
    public static func isClosed(_ state: State) -> Bool {
        switch state {
        case .terminated, .closed, .archived, .withdrawn: return true
        case .applied, .awaitingMaterials, .granted, .denied, .objecting, .assigned: return false
        }
    }

    public static func outcome(of event: Event, data: EventData) -> Outcome {
        switch event {
        case .withdraw: return .set("withdrawn")
        case .terminate: return .set("terminated")
        case .apply, .notify, .requestMaterials, .materialsSupplied, .grant, .deny, .object, .objectionUpheld,
             .objectionRejected, .assign, .changeProvider, .close, .archive:
            return .keep
        }
    }

    /// 7 days; whether working or calendar days is a county setting (`DeadlineSettings`).
    public static let aidDecision = ClockSpec(
        "aid_decision", "审查决定是否给予法律援助", "decide on the application", length: 7, unit: .calendarDays,
        basis: "法律援助法第43条")
    public static let assignment = ClockSpec(
        "assignment", "指派承办人", "assign a provider", length: 3, unit: .calendarDays, basis: "法律援助法第44条")
    public static let archiveFile = ClockSpec(
        "archive", "结案归档", "archive the file", length: 30, unit: .calendarDays, basis: "法律援助法第57条、办理程序规定")

    /// ⚠ LEGAL-NOTES: art. 43's 7 days read as calendar days (the statute's words) or working days
    /// (the 2023 procedure rules, as some provinces apply them).
    public static let decisionUnitSetting = SettingSpec(
        "legal_aid_decision_days", "法律援助审查决定期限的计日方式", "how the 7-day aid decision period is counted",
        default: Clock.Unit.calendarDays.rawValue, source: "法律援助法第43条（自然日）；2023年办理程序规定（工作日，各省做法不一）",
        kind: .choice([Clock.Unit.calendarDays.rawValue, Clock.Unit.workingDays.rawValue]), movesClocks: true)
    public static let settings = [decisionUnitSetting]

    public static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker] {
        var decision = ClockTracker(aidDecision.with(unit: settings.legalAidDecisionUnit))
        var assignment = ClockTracker(assignment)
        var archive = ClockTracker(archiveFile)
        for event in history {
            let day = event.day
            switch event.event {
            case .apply: decision.begin(day, by: "apply 申请")
            case .materialsSupplied: decision.begin(day, by: "materials_supplied 材料补齐")
            case .requestMaterials, .withdraw, .deny: decision.stop(day)
            case .grant:
                decision.stop(day)
                assignment.begin(day, by: "grant 批准/通知")
            case .notify, .objectionUpheld: assignment.begin(day, by: "\(event.event.rawValue) 批准/通知")
            case .assign: assignment.stop(day)
            case .close: archive.begin(day, by: "close 结案")
            case .archive: archive.stop(day)
            case .object, .objectionRejected, .changeProvider, .terminate: break
            }
        }
        return [decision, assignment, archive]
    }
}

extension WorkflowID {
    public static let legalAid = WorkflowID("legal_aid")
}
