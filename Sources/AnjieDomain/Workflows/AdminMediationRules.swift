import Foundation

/// 行政争议调解中心: mediation of an administrative dispute, during a review or before litigation.
public enum AdminMediationRules: WorkflowRules {
    public enum State: String, WorkflowState {
        case mediating, agreed, failed

        public var zh: String {
            switch self {
            case .mediating: return "调解中"
            case .agreed: return "达成协议"
            case .failed: return "调解不成"
            }
        }
    }

    public enum Event: String, WorkflowEvent {
        case accept
        case agree
        case fail
    }

    public typealias Context = NoContext

    public static let id = WorkflowID.adminMediation
    public static let label = "行政争议调解"
    public static let casePrefix = "XZTJ"
    public static let concludingEvents: [Event] = [.agree, .fail]
    public static let statisticsColumns = ["township", "stage"]
    public static let initialContext = NoContext()

    public static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .accept: return .create(.mediating)
        case .agree: return .move(from: [.mediating], to: .agreed)
        case .fail: return .move(from: [.mediating], to: .failed)
        }
    }

    public static func spec(for event: Event) -> EventSpec {
        switch event {
        case .accept:
            return EventSpec(event.rawValue, "受理调解", [
                FieldSpec("stage", "调解阶段", .choice(Vocabulary.adminMediationStage)),
                .optional("review_case", "行政复议案号", .text),
                .optional("summary", "争议简要情况", .text),
                .optional("parties", "当事人", .parties),
                .optional("township", "乡镇", .text),
            ])
        case .agree:
            return EventSpec(event.rawValue, "达成调解协议", [.optional("agreement", "调解文书（如调解书、和解协议）", .text)])
        case .fail:
            return EventSpec(event.rawValue, "调解不成", [FieldSpec("reason", "原因", .text)])
        }
    }

    public static func isClosed(_ state: State) -> Bool {
        switch state {
        case .agreed, .failed: return true
        case .mediating: return false
        }
    }

    public static func check(_ event: Event, data: EventData, at: Date, from: State?, context: Context) throws {
        switch event {
        case .accept:
            // Mediation inside a review belongs to that review case; name it.
            if data["stage"]?.stringValue == "in_review", data["review_case"] == nil {
                throw DomainError.invalidData([FieldProblem(
                    field: "review_case", rule: "required",
                    zh: "复议中调解须填写行政复议案号", en: "is required when the stage is in_review")])
            }
        case .agree, .fail:
            return
        }
    }

    public static func outcome(of event: Event, data: EventData) -> Outcome {
        switch event {
        case .agree: return .set("agreed")
        case .fail: return .set("failed")
        case .accept: return .keep
        }
    }

}

extension WorkflowID {
    public static let adminMediation = WorkflowID("admin_mediation")
}
