import AnjieDomain

/// Failures of the store that are not rule violations: conflicts, missing cases, the environment.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// Someone else recorded an event first; reload and retry.
    case conflict(case: String, expected: Int, actual: Int?)
    case notFound(workflow: String, case: String)
    /// The machine lacks something (server binaries, permissions…).
    case environment(String, String)
    /// The database said no in a way the code did not expect.
    case database(String)

    public var zh: String {
        switch self {
        case .conflict(let number, let expected, let actual):
            return "案件 \(number) 已被他人修改（期望版本 \(expected)，当前版本 \(actual.map(String.init) ?? "已存在")），请刷新后重试"
        case .notFound(let workflow, let number):
            return "找不到案件 \(workflow) \(number)"
        case .environment(let zh, _): return zh
        case .database(let message): return "数据库错误：\(message)"
        }
    }

    public var en: String {
        switch self {
        case .conflict(let number, let expected, let actual):
            return "case \(number) was changed by someone else (expected version \(expected), now \(actual.map(String.init) ?? "exists")); reload and retry"
        case .notFound(let workflow, let number):
            return "no \(workflow) case \(number)"
        case .environment(_, let en): return en
        case .database(let message): return "database error: \(message)"
        }
    }

    public var description: String { "\(zh)\n\(en)" }

    public var isConflict: Bool {
        if case .conflict = self { return true }
        return false
    }
}
