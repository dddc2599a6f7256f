import Foundation

/// The interchange format of DOMAIN.md: UTF-8 JSON Lines, each line a case event or a log record.
public enum Interchange {
    public struct EventLine: Sendable, Equatable {
        public var county: String
        public var workflow: WorkflowID
        public var caseNumber: String
        public var event: String
        public var at: Date
        public var actor: String?
        public var data: EventData

        public init(county: String, workflow: WorkflowID, caseNumber: String, event: String, at: Date, actor: String?, data: EventData) {
            (self.county, self.workflow, self.caseNumber, self.event, self.at, self.actor, self.data) =
                (county, workflow, caseNumber, event, at, actor, data)
        }
    }

    public struct LogLine: Sendable, Equatable {
        public var county: String
        public var kind: LogKind
        public var id: String
        public var at: Date
        public var actor: String?
        public var data: EventData

        public init(county: String, kind: LogKind, id: String, at: Date, actor: String?, data: EventData) {
            (self.county, self.kind, self.id, self.at, self.actor, self.data) = (county, kind, id, at, actor, data)
        }
    }

    public enum Line: Sendable, Equatable {
        case event(EventLine)
        case log(LogLine)
    }

    static let eventKeys: Set<String> = ["county", "workflow", "case", "event", "at", "actor", "data"]
    static let logKeys: Set<String> = ["county", "log", "id", "at", "actor", "data"]

    /// Parses one line; the error names what is wrong in both languages.
    public static func parse(_ bytes: some Collection<UInt8>) throws -> Line {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DomainError.invalidInput("不是有效的 UTF-8 文本", "not valid UTF-8")
        }
        let object: [String: JSONValue]
        do {
            // Straight to an object: a line is one, and asking for it first spares the failed attempts.
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
        } catch {
            if (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) != nil {
                throw DomainError.invalidInput("每行应为一个 JSON 对象", "a line must be one JSON object")
            }
            throw DomainError.invalidInput("不是有效的 JSON", "not valid JSON")
        }
        func string(_ key: String) throws -> String {
            guard let raw = object[key] else {
                throw DomainError.invalidInput("缺少字段 \(key)", "field \(key) is missing")
            }
            guard case .string(let s) = raw, !s.isEmpty else {
                throw DomainError.invalidInput("字段 \(key) 应为非空字符串", "field \(key) must be a non-empty string")
            }
            return s
        }
        let isLog = object["log"] != nil
        let allowed = isLog ? logKeys : eventKeys
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw DomainError.invalidInput("未知字段 \(unknown)", "unknown field \(unknown)")
        }
        let county = try CountyCode.validate(try string("county"))
        let atText = try string("at")
        guard let at = Timestamp.parse(atText), Timestamp.isRecordable(at) else {
            throw DomainError.invalidInput("at 应为 RFC 3339 时间（如 2025-03-02T09:30:00+08:00）：\(atText.prefix(40))",
                                           "at must be an RFC 3339 time such as 2025-03-02T09:30:00+08:00: \(atText.prefix(40))")
        }
        var actor: String?
        if let raw = object["actor"], raw != .null { actor = try string("actor") }
        var data: EventData = [:]
        if let raw = object["data"], raw != .null {
            guard case .object(let fields) = raw else {
                throw DomainError.invalidInput("data 应为 JSON 对象", "data must be a JSON object")
            }
            data = fields
        }
        if isLog {
            return .log(LogLine(county: county, kind: try LogKind.parse(try string("log")),
                                id: try CaseNumber.validate(try string("id")), at: at, actor: actor, data: data))
        }
        let workflowName = try string("workflow")
        guard let workflow = WorkflowID.registered(workflowName) else {
            throw DomainError.invalidInput("未知流程 \(workflowName)", "unknown workflow \(workflowName)")
        }
        return .event(EventLine(county: county, workflow: workflow, caseNumber: try CaseNumber.validate(try string("case")),
                                event: try string("event"), at: at, actor: actor, data: data))
    }

    /// One line, keys in the contract's order, data keys sorted (stable across processes).
    public static func encode(_ line: Line) -> String {
        switch line {
        case .event(let e):
            return "{\"county\":\(quote(e.county)),\"workflow\":\(quote(e.workflow.rawValue)),\"case\":\(quote(e.caseNumber)),"
                + "\"event\":\(quote(e.event)),\"at\":\(quote(Timestamp.format(e.at))),"
                + (e.actor.map { "\"actor\":\(quote($0))," } ?? "") + "\"data\":\(json(.object(e.data)))}"
        case .log(let l):
            return "{\"county\":\(quote(l.county)),\"log\":\(quote(l.kind.rawValue)),\"id\":\(quote(l.id)),"
                + "\"at\":\(quote(Timestamp.format(l.at))),"
                + (l.actor.map { "\"actor\":\(quote($0))," } ?? "") + "\"data\":\(json(.object(l.data)))}"
        }
    }

    static func quote(_ text: String) -> String { json(.string(text)) }

    static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
