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
        self.at = at
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
    /// Cases opened in this calendar year (Asia/Shanghai).
    public var year: Int?
    public var limit: Int

    public init(county: String, workflow: WorkflowID? = nil, state: String? = nil, township: String? = nil,
                year: Int? = nil, limit: Int = 200) {
        self.county = county
        self.workflow = workflow
        self.state = state
        self.township = township
        self.year = year
        self.limit = limit
    }
}
