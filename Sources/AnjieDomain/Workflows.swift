/// Every workflow of the domain contract, by id.
public enum Workflows {
    public static let dispute = Workflow(DisputeRules.self)

    public static let all: [WorkflowID: Workflow] = [
        .dispute: dispute,
    ]

    public static func named(_ text: String) throws -> Workflow {
        guard let id = WorkflowID.parse(text), let workflow = all[id] else {
            let known = WorkflowID.allCases.filter { all[$0] != nil }
            throw DomainError.invalidInput(
                "没有流程 \(text)；可用：\(known.map { "\($0.rawValue) \($0.label)" }.joined(separator: ", "))",
                "no workflow \(text); workflows: \(known.map(\.rawValue).joined(separator: ", "))")
        }
        return workflow
    }

    public static subscript(id: WorkflowID) -> Workflow? { all[id] }
}
