import Foundation

/// Other matters handled at the county centre (其他事项): registered, then closed.
public enum MatterRules: WorkflowRules {
    public enum State: String, WorkflowState {
        case open, closed

        public var zh: String {
            switch self {
            case .open: return "办理中"
            case .closed: return "已办结"
            }
        }
    }

    public enum Event: String, WorkflowEvent {
        case register
        case close
    }

    public typealias Context = NoContext

    public static let id = WorkflowID.matter
    public static let label = "其他事项"
    public static let casePrefix = "SX"
    public static let concludingEvents: [Event] = [.close]
    public static let statisticsColumns = ["township", "kind"]
    public static let initialContext = NoContext()

    public static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .register: return .create(.open)
        case .close: return .move(from: [.open], to: .closed)
        }
    }

    public static func spec(for event: Event) -> EventSpec {
        switch event {
        case .register:
            return EventSpec(event.rawValue, "登记事项", [
                FieldSpec("kind", "事项类型", .choice(Vocabulary.matterKind)),
                .optional("township", "乡镇", .text),
                .optional("summary", "事项简要情况", .text),
                .optional("parties", "当事人", .parties),
            ])
        case .close:
            return EventSpec(event.rawValue, "办结", [.optional("result", "办理结果", .text)])
        }
    }

    public static func isClosed(_ state: State) -> Bool {
        switch state {
        case .open: return false
        case .closed: return true
        }
    }

}

extension WorkflowID {
    public static let matter = WorkflowID("matter")
}
