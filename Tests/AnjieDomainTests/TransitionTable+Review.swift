import AnjieDomain

/// DOMAIN.md, "Workflow `review`". The contract names no closed states for review; the dead ends
/// (decided, terminated, rejected, abandoned) are checked by the "no way out" test.
extension ContractTable {
    static let review = ContractTable(
        .review,
        states: "received correcting accepted suspended decided terminated rejected abandoned",
        rows: [
            "receive: new -> received",
            "request_correction: received -> correcting",
            "corrected: correcting -> received",
            "abandon: correcting -> abandoned",
            "accept: received -> accepted",
            "reject: received -> rejected",
            "convert_procedure: accepted -> same",
            "hearing: accepted -> same",
            "extend: accepted -> same",
            "suspend: accepted -> suspended",
            "resume: suspended -> accepted",
            "decide: accepted -> decided",
            "terminate: accepted, suspended -> terminated",
        ])
}

extension TableWalk {
    static let review = TableWalk(
        data: [
            "receive": [
                "respondent": .string("柳城县市场监督管理局"), "act": .string("行政处罚决定"),
                "act_date": .string("2025-07-01"), "known_date": .string("2025-07-03"), "channel": .string("窗口递交"),
                "parties": .array([samplePerson]),
            ],
            "request_correction": ["items": .array([.string("身份证明")])],
            // Ordinary, so that extend (allowed once, only under the ordinary procedure) may follow.
            "accept": ["procedure": .string("ordinary")],
            "reject": ["reason": .string("超过申请期限")],
            "convert_procedure": ["to": .string("ordinary")],
            "hearing": ["date": .string("2025-09-15"), "public": .bool(false)],
            "extend": ["days": .number(30)],
            "suspend": ["ground": .string("申请人死亡，须等待其近亲属表明是否参加")],
            "decide": ["outcome": .string("uphold")],
            "terminate": ["reason": .string("withdrawn")],
        ],
        paths: [
            "received": ["receive"],
            "correcting": ["receive", "request_correction"],
            "accepted": ["receive", "accept"],
            "suspended": ["receive", "accept", "suspend"],
            "decided": ["receive", "accept", "decide"],
            "terminated": ["receive", "accept", "terminate"],
            "rejected": ["receive", "reject"],
            "abandoned": ["receive", "request_correction", "abandon"],
        ],
        // Only a simplified procedure can be converted to the ordinary one.
        special: ["accepted convert_procedure": ["receive", .init("accept", ["procedure": .string("simplified")])]])
}
