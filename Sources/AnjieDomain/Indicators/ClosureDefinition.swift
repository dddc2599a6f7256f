/// For supervisors' closure statistics: which events conclude a case of each workflow (办结/调结).
/// A case received in the period counts as concluded when one of these happened before its end.
public enum ClosureDefinition {
    public static func concludingEvents(_ workflow: WorkflowID) -> [String] {
        switch workflow {
        case .dispute: return ["mediation_succeeded", "resolve", "close"]
        case .matter: return ["close"]
        case .mediation: return ["agree", "fail", "terminate", "rule"]
        case .review: return ["decide", "terminate", "reject", "abandon"]
        case .adminMediation: return ["agree", "fail"]
        case .legalAid: return ["close", "terminate", "withdraw"]
        case .notarization: return ["issue", "refuse", "terminate"]
        }
    }

    /// "workflow:event" keys, the form the SQL matches on.
    public static var keys: [String] {
        WorkflowID.allCases.flatMap { workflow in concludingEvents(workflow).map { "\(workflow.rawValue):\($0)" } }
    }
}
