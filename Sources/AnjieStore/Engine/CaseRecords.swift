import AnjieDomain
import Foundation

/// A request to record one event, from any entry path (CLI, import, HTTP).
public struct EventRequest: Sendable {
    public var county: String
    public var workflow: WorkflowID
    /// Nil on an opening event: the store assigns the next number (`JF-2025-00001`).
    public var caseNumber: String?
    public var event: String
    public var data: EventData
    public var at: Date
    public var actor: String
    /// When set, the event is written only if the case is still at this version (0: a new case).
    public var expectedVersion: Int?

    public init(county: String, workflow: WorkflowID, caseNumber: String?, event: String, data: EventData,
                at: Date, actor: String, expectedVersion: Int? = nil) {
        self.county = county
        self.workflow = workflow
        self.caseNumber = caseNumber
        self.event = event
        self.data = data
        // Milliseconds, as printed and as hashed: the stored time then reads back exactly.
        self.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        self.actor = actor
        self.expectedVersion = expectedVersion
    }
}

/// A case as the `cases` row has it.
public struct CaseSummary: Sendable, Equatable {
    public var county: String
    public var workflow: WorkflowID
    public var caseNumber: String
    public var state: String
    public var version: Int
    public var outcome: String?
    public var township: String?
    public var openedAt: Date
    public var closedAt: Date?
    public var lastEventAt: Date
}

/// One stored event.
public struct EventRecord: Sendable, Equatable {
    public var seq: Int
    public var event: String
    public var at: Date
    public var actor: String
    public var data: EventData
    public var recordedAt: Date
}

extension EventRecord {
    public var logged: LoggedEvent { LoggedEvent(seq: seq, event: event, at: at, actor: actor, data: data) }
}

public struct CaseDetail: Sendable {
    public var summary: CaseSummary
    public var events: [EventRecord]
    public var allowedEvents: [String]
}

public struct RecordedEvent: Sendable {
    public var summary: CaseSummary
    public var seq: Int
    public var decision: Decision
    public var allowedEvents: [String]
}

public struct CaseFilter: Sendable {
    public var county: String
    public var workflow: WorkflowID?
    public var state: String?
    public var township: String?
    /// The case's category id (`labor`; the workflows that record one: dispute, mediation).
    public var category: String?
    /// Cases opened in this calendar year (Asia/Shanghai).
    public var year: Int?
    public var limit: Int
    /// Cases skipped before the first listed (`case list --offset`); the API pages with `after`.
    public var offset: Int = 0
    /// A caller's scope: only these townships (empty: all).
    public var townships: [String] = []
    /// Keyset pagination: cases after this one in the listing order (newest first).
    public var after: CaseCursor?

    public init(county: String, workflow: WorkflowID? = nil, state: String? = nil, township: String? = nil,
                year: Int? = nil, limit: Int = 200, townships: [String] = [], after: CaseCursor? = nil,
                category: String? = nil, offset: Int = 0) {
        self.category = category
        self.offset = offset
        self.county = county
        self.workflow = workflow
        self.state = state
        self.township = township
        self.year = year
        self.limit = limit
        self.townships = townships
        self.after = after
    }
}

/// A position in the case listing (opened_at, workflow, case number), opaque to API clients.
public struct CaseCursor: Sendable, Equatable {
    public let openedAt: Date
    public let workflow: String
    public let caseNumber: String

    public init(openedAt: Date, workflow: String, caseNumber: String) {
        self.openedAt = openedAt
        self.workflow = workflow
        self.caseNumber = caseNumber
    }

    public init(after summary: CaseSummary) {
        self.init(openedAt: summary.openedAt, workflow: summary.workflow.rawValue, caseNumber: summary.caseNumber)
    }

    /// Base64url of "microseconds|workflow|case" (PostgreSQL keeps microseconds).
    public var token: String {
        let text = "\(Int64((openedAt.timeIntervalSince1970 * 1_000_000).rounded()))|\(workflow)|\(caseNumber)"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard token.count <= 200, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 2).map(String.init)
        guard parts.count == 3, let micros = Int64(parts[0]) else { return nil }
        self.init(openedAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), workflow: parts[1], caseNumber: parts[2])
    }
}
