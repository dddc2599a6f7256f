import AnjieDomain

/// DOMAIN.md, "Workflow `mediation`"; `escalation` in the states Common ground names.
extension ContractTable {
    static let mediation = ContractTable(
        .mediation,
        states: "mediating agreed failed terminated confirming confirmed ruled performed",
        // "Terminal: failed, terminated, ruled, performed."
        closed: "failed terminated ruled performed",
        rows: [
            "accept: new -> mediating",
            "agree: mediating -> agreed",
            "fail: mediating -> failed",
            "terminate: mediating -> terminated",
            "rule: mediating -> ruled",
            "apply_confirmation: agreed -> confirming",
            "confirmation_granted: confirming -> confirmed",
            "confirmation_rejected: confirming -> agreed",
            "performed: agreed, confirmed -> performed",
            "escalation: mediating, agreed, confirming, confirmed -> same",
        ])
}

extension TableWalk {
    static let mediationAccept: EventData = [
        "organization": .string("大埔镇人民调解委员会"), "organization_kind": .string("township"),
        "source": .string("application"), "category": .string("neighbour"), "township": .string("大埔镇"),
        "parties": .array([samplePerson]),
    ]

    /// Only a big-3 dispute over ownership is ruled on by the people's government.
    static let big3OwnershipAccept: EventData = mediationAccept.merging([
        "category": .string("land_forest"), "big3": .string("land"), "big3_nature": .string("ownership"),
    ]) { $1 }

    static let mediation = TableWalk(
        data: [
            "accept": mediationAccept,
            // Written, so that apply_confirmation (an hour later, well inside 30 days) may follow.
            "agree": ["form": .string("written")],
            "fail": ["reason": .string("双方分歧过大")],
            "terminate": ["reason": .string("申请人撤回")],
            "rule": ["authority": .string("柳城县人民政府")],
            "apply_confirmation": ["court": .string("柳城县人民法院")],
            "confirmation_granted": ["ruling_no": .string("（2025）桂0222民特12号")],
            "confirmation_rejected": ["reason": .string("不予受理")],
            "escalation": ["kind": .string("group_petition")],
        ],
        paths: [
            "mediating": ["accept"],
            "agreed": ["accept", "agree"],
            "failed": ["accept", "fail"],
            "terminated": ["accept", "terminate"],
            "confirming": ["accept", "agree", "apply_confirmation"],
            "confirmed": ["accept", "agree", "apply_confirmation", "confirmation_granted"],
            "ruled": [.init("accept", big3OwnershipAccept), "rule"],
            "performed": ["accept", "agree", "performed"],
        ],
        special: ["mediating rule": [.init("accept", big3OwnershipAccept)]])
}
