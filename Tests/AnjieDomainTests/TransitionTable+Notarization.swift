import AnjieDomain

/// DOMAIN.md, "Workflow `notarization`" (prose): `apply` → `applied`; `accept` → `accepted`;
/// `issue` (accepted) → `issued`; `refuse` and `terminate` (from applied or accepted) → `refused`,
/// `terminated`. Accept is the step after apply, so it is recorded in `applied`.
extension ContractTable {
    static let notarization = ContractTable(
        .notarization,
        states: "applied accepted issued refused terminated",
        rows: [
            "apply: new -> applied",
            "accept: applied -> accepted",
            "issue: accepted -> issued",
            "refuse: applied, accepted -> refused",
            "terminate: applied, accepted -> terminated",
        ])
}

extension TableWalk {
    static let notarization = TableWalk(
        data: [
            "apply": ["matter": .string("继承权公证"), "service": .string("window"), "parties": .array([samplePerson])],
            "refuse": ["reason": .string("不属于公证事项")],
            "terminate": ["reason": .string("申请人撤回")],
        ],
        paths: [
            "applied": ["apply"],
            "accepted": ["apply", "accept"],
            "issued": ["apply", "accept", "issue"],
            "refused": ["apply", "refuse"],
            "terminated": ["apply", "terminate"],
        ])
}
