/// An expected, typed refusal: a person asked for something the rules do not allow.
///
/// `code` is stable (its raw value is the HTTP API's problem `type`); `zh` and `en` are what people read.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of refusal, matched by the entry paths (never by its string) to choose an HTTP
    /// status or to tolerate a refusal. The raw values are on the wire: never rename one.
    public enum Code: String, Sendable, CaseIterable {
        /// The event exists but the case's state does not allow it.
        case illegalEvent = "illegal-event"
        /// The workflow has no such event.
        case unknownEvent = "unknown-event"
        /// The event's data fails the field rules (`fields` says which).
        case invalidData = "invalid-data"
        /// A rule beyond the transition table (a guard over the case's history) refuses it.
        case ruleViolation = "rule-violation"
        /// A malformed argument or parameter, before any rule is asked.
        case invalidInput = "invalid-input"
        /// No working-day calendar covers a date a deadline needs.
        case noCalendar = "no-calendar"
    }

    public var code: Code
    public var zh: String
    public var en: String
    /// The data fields at fault, for validation errors.
    public var fields: [FieldProblem]

    public init(code: Code, zh: String, en: String, fields: [FieldProblem] = []) {
        self.code = code
        self.zh = zh
        self.en = en
        self.fields = fields
    }

    public var description: String { "\(zh)\n\(en)" }
}

/// One field that failed one rule.
public struct FieldProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var rule: String
    public var zh: String
    public var en: String

    public init(field: String, rule: String, zh: String, en: String) {
        self.field = field
        self.rule = rule
        self.zh = zh
        self.en = en
    }

    public var description: String { "\(field): \(zh) / \(en)" }
}

extension DomainError {
    static func illegalEvent(workflow: WorkflowID, state: String?, stateLabel: String?, event: String, allowed: [String]) -> DomainError {
        let where_ = state.map { "\($0)（\(stateLabel ?? $0)）" } ?? "（新案件）"
        let whereEn = state ?? "(new case)"
        let list = allowed.isEmpty ? "无 / none" : allowed.joined(separator: ", ")
        return DomainError(
            code: .illegalEvent,
            zh: "\(workflow.label)案件当前状态 \(where_) 不允许事件 \(event)；允许的事件：\(list)",
            en: "\(workflow.rawValue) case in state \(whereEn) does not allow event \(event); allowed events: \(list)"
        )
    }

    static func unknownEvent(workflow: WorkflowID, event: String, known: [String]) -> DomainError {
        // Suggested as it was typed: `start-mediatoin` on the command line → start-mediation.
        let spelled = event.contains("-") ? known.map { String($0.map { $0 == "_" ? "-" : $0 }) } : known
        let hint = Suggestion.hint(for: event, among: spelled)
        return DomainError(
            code: .unknownEvent,
            zh: "\(workflow.label)流程没有事件 \(event)；可用事件：\(known.joined(separator: ", "))\(hint.zh)",
            en: "workflow \(workflow.rawValue) has no event \(event); events: \(known.joined(separator: ", "))\(hint.en)"
        )
    }

    static func invalidData(_ problems: [FieldProblem]) -> DomainError {
        DomainError(
            code: .invalidData,
            zh: "数据有误：" + problems.map { "\($0.field)：\($0.zh)" }.joined(separator: "；"),
            en: "invalid data: " + problems.map { "\($0.field): \($0.en)" }.joined(separator: "; "),
            fields: problems
        )
    }

    public static func guardFailed(_ zh: String, _ en: String) -> DomainError {
        DomainError(code: .ruleViolation, zh: zh, en: en)
    }

    public static func invalidInput(_ zh: String, _ en: String) -> DomainError {
        DomainError(code: .invalidInput, zh: zh, en: en)
    }
}
