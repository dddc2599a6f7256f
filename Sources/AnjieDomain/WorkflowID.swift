import Foundation

/// A workflow's canonical id (DOMAIN.md), e.g. `dispute`. A value, not a closed enum: the registry
/// (`Workflows`) holds the workflows, so a new one is one declaration — its `…Rules` type — and a
/// test may register one of its own. Each rules file declares its constant (`WorkflowID.dispute`).
public struct WorkflowID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: WorkflowID, rhs: WorkflowID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

    /// The registered workflows' ids, in registration order.
    public static var allCases: [WorkflowID] { Workflows.ordered.map(\.id) }

    /// The Chinese name people read (declared by the workflow's rules).
    public var label: String { Workflows[self]?.label ?? rawValue }

    /// The CLI's subcommand name.
    public var commandName: String { Workflows[self]?.commandName ?? rawValue.replacingOccurrences(of: "_", with: "-") }

    /// Prefix of automatically assigned case numbers (`JF-2025-00001`).
    public var casePrefix: String { Workflows[self]?.casePrefix ?? rawValue.uppercased() }

    /// A registered workflow named by its id, its command name, an alias or its Chinese label.
    public static func parse(_ text: String) -> WorkflowID? {
        Workflows.find(text)?.id
    }

    /// The registered id with this exact raw value, nil for an unknown one (wire formats: no aliases).
    public static func registered(_ rawValue: String) -> WorkflowID? {
        Workflows[WorkflowID(rawValue)]?.id
    }
}

/// A case number: 1–64 letters, digits, `-` and `_`, unique per county and workflow.
public enum CaseNumber {
    public static func validate(_ text: String) throws -> String {
        guard (1...64).contains(text.count),
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw DomainError.invalidInput(
                "案件编号应为1至64位字母、数字、- 或 _：\(text.prefix(80))",
                "a case number is 1 to 64 letters, digits, - or _: \(text.prefix(80))")
        }
        return text
    }
}

/// A field that names another case of the county: `workflow:case` (DOMAIN.md Part II, Links). The
/// workflow may be given by its id, command name or Chinese label; it is stored as the id.
public struct CaseLink: Sendable, Hashable, CustomStringConvertible {
    public let workflow: WorkflowID
    public let caseNumber: String

    public init?(_ text: String) {
        let parts = text.replacingOccurrences(of: "：", with: ":").split(separator: ":", maxSplits: 1).map {
            String($0).trimmingWhitespace()
        }
        guard parts.count == 2, let workflow = Workflows.find(parts[0]),
              let number = try? CaseNumber.validate(parts[1]) else { return nil }
        self.workflow = workflow.id
        self.caseNumber = number
    }

    public var description: String { "\(workflow.rawValue):\(caseNumber)" }
}

/// A county: its GB/T 2260 six-digit code.
public enum CountyCode {
    public static func validate(_ text: String) throws -> String {
        guard text.count == 6, text.allSatisfy(\.isASCIIDigitChar) else {
            throw DomainError.invalidInput("县级行政区划代码应为6位数字：\(text.prefix(40))",
                                           "a county code is six digits (GB/T 2260): \(text.prefix(40))")
        }
        return text
    }
}
