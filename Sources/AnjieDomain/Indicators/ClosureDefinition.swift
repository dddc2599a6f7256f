/// For supervisors' closure statistics: which events conclude a case of each workflow (办结/调结),
/// as each workflow declares them (`WorkflowRules.concludingEvents`). A case received in the period
/// counts as concluded when one of these happened before its end.
public enum ClosureDefinition {
    public static func concludingEvents(_ workflow: WorkflowID) -> [String] {
        Workflows[workflow]?.concludingEvents ?? []
    }

    /// "workflow:event" keys, the form the SQL matches on.
    public static var keys: [String] {
        Workflows.ordered.flatMap { workflow in workflow.concludingEvents.map { "\(workflow.id.rawValue):\($0)" } }
    }
}
