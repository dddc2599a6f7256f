import AnjieDomain
import Foundation

/// A workflow that exists only in this test target — the proof (issue 15) that a workflow is one
/// declaration: registered at run time, it is offered by the CLI, accepted by the API, listed by
/// the OpenAPI document, its clock is in `deadlines`, import/export round-trip it and an indicator
/// over it computes, with no other file changed.
enum ProbeRules: WorkflowRules {
    enum State: String, WorkflowState {
        case lodged, answered

        var zh: String {
            switch self {
            case .lodged: return "已提交"
            case .answered: return "已答复"
            }
        }
    }

    enum Event: String, WorkflowEvent {
        case lodge
        case remind
        case answer
    }

    typealias Context = NoContext

    static let id = WorkflowID("probe")
    static let label = "试验流程"
    static let casePrefix = "SY"
    static let initialContext = NoContext()
    static let concludingEvents: [Event] = [.answer]
    static let statisticsColumns = ["township", "category"]

    static func rule(for event: Event) -> TransitionRule<State> {
        switch event {
        case .lodge: return .create(.lodged)
        case .remind: return .stay(in: [.lodged])
        case .answer: return .move(from: [.lodged], to: .answered)
        }
    }

    static func spec(for event: Event) -> EventSpec {
        switch event {
        case .lodge:
            return EventSpec(event.rawValue, "提交", [
                FieldSpec("category", "纠纷类型", .choice(Vocabulary.category)),
                FieldSpec("township", "乡镇", .text),
                .optional("summary", "简要情况", .text),
            ])
        case .remind:
            return EventSpec(event.rawValue, "催办", [])
        case .answer:
            return EventSpec(event.rawValue, "答复", [FieldSpec("result", "答复结果", .text)])
        }
    }

    static func isClosed(_ state: State) -> Bool { state == .answered }

    /// Five working days to answer, restarted by a reminder.
    static let answerClock = ClockSpec("probe_answer", "答复期限", "answer", length: 5, unit: .workingDays, basis: "试验规则")

    static func clocks(_ history: [Timed<Event>], settings: DeadlineSettings) -> [ClockTracker] {
        var answer = ClockTracker(answerClock)
        for event in history {
            switch event.event {
            case .lodge: answer.begin(event.day, by: "lodge 提交")
            case .remind: answer.begin(event.day, by: "remind 催办")
            case .answer: answer.stop(event.day)
            }
        }
        return [answer]
    }
}
