import AnjieDomain

/// DOMAIN.md, "Workflow `admin_mediation`" (prose): `accept` → `mediating`; `agree` → `agreed`;
/// `fail` → `failed`. Agree and fail end the mediation, so both are recorded in `mediating`.
extension ContractTable {
    static let adminMediation = ContractTable(
        .adminMediation,
        states: "mediating agreed failed",
        rows: [
            "accept: new -> mediating",
            "agree: mediating -> agreed",
            "fail: mediating -> failed",
        ])
}

extension TableWalk {
    static let adminMediation = TableWalk(
        data: [
            "accept": [
                "stage": .string("pre_litigation"), "township": .string("龙头镇"), "parties": .array([samplePerson]),
            ],
            "fail": ["reason": .string("双方分歧过大")],
        ],
        paths: [
            "mediating": ["accept"],
            "agreed": ["accept", "agree"],
            "failed": ["accept", "fail"],
        ])
}
