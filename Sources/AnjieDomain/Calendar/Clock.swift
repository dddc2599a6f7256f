import Foundation

/// One statutory or guidance deadline of a case, computed from its events, with its reasoning.
public struct Clock: Sendable, Equatable {
    public enum Unit: String, Sendable, Codable {
        case calendarDays = "calendar"
        case workingDays = "working"
    }

    /// Who set the deadline: the law (法定), the centre when it routes or supervises a case
    /// (交办/督办), or guidance that binds nobody (指导性). Supervisors chase the first two.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case statutory
        case centreSet = "centre_set"
        case advisory

        public var zh: String {
            switch self {
            case .statutory: return "法定期限"
            case .centreSet: return "交办/督办期限"
            case .advisory: return "指导性期限"
            }
        }

        /// Binding deadlines someone is late on when they pass (法定, 交办/督办); a passed advisory
        /// target (指导性) is not "overdue" anywhere.
        public var isBinding: Bool {
            switch self {
            case .statutory, .centreSet: return true
            case .advisory: return false
            }
        }

        /// Accepts the id or the Chinese label.
        public static func parse(_ text: String) -> Kind? {
            let key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
            return allCases.first { $0.rawValue == key || $0.zh == text || $0.zh.hasPrefix(text) && !text.isEmpty }
        }
    }

    public enum Status: String, Sendable {
        /// Running, due in the future (or today).
        case running
        /// Running and past its due date: the bureau is late.
        case overdue
        /// A window for a party (to object, to correct, to apply) that closed unused: nobody is late.
        case lapsed
        /// Stopped by the event it waits for, on time.
        case met
        /// Stopped, but after the due date.
        case late
    }

    public let id: String
    public let zh: String
    public let en: String
    public let start: LocalDate
    public let startEvent: String
    public let length: Int
    public let unit: Unit
    public let pausedDays: Int
    public let extensionDays: Int
    public let due: LocalDate
    public let stoppedAt: LocalDate?
    /// How the due date was reached, in Chinese and English.
    public let explanation: String
    /// What the law says happens when it lapses (e.g. deemed accepted), if anything.
    public let lapse: String?
    /// A party's window rather than the bureau's obligation.
    public let isWindow: Bool
    /// The statute or setting the period comes from.
    public let basis: String
    public let kind: Kind

    public var isOpen: Bool { stoppedAt == nil }

    public func status(on today: LocalDate) -> Status {
        if let stoppedAt { return stoppedAt <= due ? .met : .late }
        guard today > due else { return .running }
        return isWindow ? .lapsed : .overdue
    }

    /// Calendar days past due (0 when not overdue; a lapsed window is never overdue).
    public func overdueDays(on today: LocalDate) -> Int {
        isWindow ? 0 : max(0, (stoppedAt ?? today).dayNumber - due.dayNumber)
    }
}
