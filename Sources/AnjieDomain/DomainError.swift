/// An expected, typed refusal: a person asked for something the rules do not allow.
///
/// `code` is stable (the HTTP API uses it as the problem `type`); `zh` and `en` are what people read.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var zh: String
    public var en: String
    /// The data fields at fault, for validation errors.
    public var fields: [FieldProblem]

    public init(code: String, zh: String, en: String, fields: [FieldProblem] = []) {
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
            code: "illegal-event",
            zh: "\(workflow.label)案件当前状态 \(where_) 不允许事件 \(event)；允许的事件：\(list)",
            en: "\(workflow.rawValue) case in state \(whereEn) does not allow event \(event); allowed events: \(list)"
        )
    }

    static func unknownEvent(workflow: WorkflowID, event: String, known: [String]) -> DomainError {
        DomainError(
            code: "unknown-event",
            zh: "\(workflow.label)流程没有事件 \(event)；可用事件：\(known.joined(separator: ", "))",
            en: "workflow \(workflow.rawValue) has no event \(event); events: \(known.joined(separator: ", "))"
        )
    }

    static func invalidData(_ problems: [FieldProblem]) -> DomainError {
        DomainError(
            code: "invalid-data",
            zh: "数据有误：" + problems.map { "\($0.field)：\($0.zh)" }.joined(separator: "；"),
            en: "invalid data: " + problems.map { "\($0.field): \($0.en)" }.joined(separator: "; "),
            fields: problems
        )
    }

    static func guardFailed(_ zh: String, _ en: String) -> DomainError {
        DomainError(code: "rule-violation", zh: zh, en: en)
    }

    public static func invalidInput(_ zh: String, _ en: String) -> DomainError {
        DomainError(code: "invalid-input", zh: zh, en: en)
    }
}
