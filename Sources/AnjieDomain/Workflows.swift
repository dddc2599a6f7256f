/// Every workflow of the domain contract, by id.
public enum Workflows {
    public static let dispute = Workflow(DisputeRules.self)
    public static let matter = Workflow(MatterRules.self)
    public static let mediation = Workflow(MediationRules.self)
    public static let review = Workflow(ReviewRules.self)
    public static let adminMediation = Workflow(AdminMediationRules.self)
    public static let legalAid = Workflow(LegalAidRules.self)
    public static let notarization = Workflow(NotarizationRules.self)

    public static let all: [WorkflowID: Workflow] = [
        .dispute: dispute,
        .matter: matter,
        .mediation: mediation,
        .review: review,
        .adminMediation: adminMediation,
        .legalAid: legalAid,
        .notarization: notarization,
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
