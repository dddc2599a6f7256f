/// Who may do what: roles of API tokens and what each may read, write and see. A business rule,
/// so it lives in the domain and every entry path asks the same questions.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Records events in its townships.
    case clerk
    /// Records mediation and the centre's mediation steps in its townships.
    case mediator
    /// Reads everything in the county and sees statistics.
    case supervisor
    /// Reads and exports.
    case auditor
    /// Manages tokens and calendars; may do everything.
    case admin
}

/// An authenticated caller.
public struct Identity: Sendable, Equatable {
    public let tokenID: String
    public let name: String
    public let county: String
    public let role: Role
    /// Empty: the whole county.
    public let townships: [String]

    public init(tokenID: String, name: String, county: String, role: Role, townships: [String]) {
        self.tokenID = tokenID
        self.name = name
        self.county = county
        self.role = role
        self.townships = townships
    }

    /// Recorded as the `actor` of every event this caller writes.
    public var actor: String { "token:\(name)" }

    /// Whether a case in `township` exists for this caller at all (outside scope it is "not found").
    public func canSee(township: String?) -> Bool {
        townships.isEmpty || township.map(townships.contains) ?? false
    }

    /// Whether this caller may record `event` in `workflow`, as the workflow declares
    /// (`WorkflowRules.recorders`). Without an event: whether it may record any of its events.
    public func canRecord(_ workflow: WorkflowID, event: String? = nil) -> Bool {
        guard let definition = Workflows[workflow] else { return false }
        if let event, let info = definition.event(named: event) {
            return definition.recorders(of: info.spec.name).contains(role)
        }
        return definition.events.contains { definition.recorders(of: $0.spec.name).contains(role) }
    }

    public var canSeeStatistics: Bool {
        switch role {
        case .supervisor, .auditor, .admin: return true
        case .clerk, .mediator: return false
        }
    }

    /// The township whose statistics this caller reads (nil: the whole county). A township-scoped
    /// caller reads its own townships only: the one it asks for (check `canSee` first), or its first
    /// township when it asks for none — never the county's figures. The API and the dashboard ask here.
    public func statisticsTownship(asked: String?) -> String? {
        asked ?? townships.first
    }

    public var canExport: Bool {
        switch role {
        case .auditor, .admin: return true
        case .clerk, .mediator, .supervisor: return false
        }
    }

    public var canImport: Bool { role == .admin }
    public var canAdminister: Bool { role == .admin }

    /// Full ID numbers and phones only for roles that need them; everyone else sees them masked.
    public var seesPersonalData: Bool {
        switch role {
        case .auditor, .admin: return true
        case .clerk, .mediator, .supervisor: return false
        }
    }
}
