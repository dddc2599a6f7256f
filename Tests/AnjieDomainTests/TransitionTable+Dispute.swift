import AnjieDomain

/// DOMAIN.md, "Workflow `dispute`", plus Common ground's `escalation` in every open state.
extension ContractTable {
    static let dispute = ContractTable(
        .dispute,
        states: "registered mediating assessing routed supervising closed",
        closed: "closed",
        rows: [
            "register: new -> registered",
            "start_mediation: registered -> mediating",
            "mediation_succeeded: mediating -> closed",
            "mediation_failed: mediating -> assessing",
            "skip_mediation: registered -> assessing",
            "assess: assessing -> same",
            "route: assessing -> routed",
            "return: routed -> assessing",
            "supervise: routed -> supervising",
            "follow_up: routed, supervising -> same",
            "resolve: routed, supervising -> closed",
            // "any open": every state but closed.
            "close: registered, mediating, assessing, routed, supervising -> closed",
            "reopen: closed -> assessing",
            // Common ground: "in the open states of dispute — all but closed".
            "escalation: registered, mediating, assessing, routed, supervising -> same",
        ])
}

extension TableWalk {
    static let dispute = TableWalk(
        data: [
            "register": [
                "channel": .string("walk_in"), "category": .string("neighbour"), "township": .string("大埔镇"),
                "summary": .string("排水沟纠纷"), "parties": .array([samplePerson]),
            ],
            "start_mediation": ["mediator": .string("王调解员")],
            "mediation_succeeded": ["agreement": .string("written")],
            "mediation_failed": ["reason": .string("refused")],
            "skip_mediation": ["reason": .string("不适宜调解")],
            "assess": ["risk": .string("low"), "complexity": .string("simple"), "basis": .string("一般纠纷")],
            "route": ["unit": .string("县自然资源局"), "legal_channel": .string("行政调处"), "due": .string("2025-09-30")],
            "return": ["reason": .string("非本单位职责")],
            "supervise": ["notice": .string("督办通知"), "due": .string("2025-09-20")],
            "follow_up": ["tier": .string("unit"), "kind": .string("weekly_review")],
            "resolve": ["basis": .string("达成和解")],
            "close": ["outcome": .string("withdrawn")],
            "reopen": ["reason": .string("回访发现反弹")],
            "escalation": ["kind": .string("criminal")],
        ],
        paths: [
            "registered": ["register"],
            "mediating": ["register", "start_mediation"],
            "assessing": ["register", "skip_mediation"],
            "routed": ["register", "skip_mediation", "assess", "route"],
            "supervising": ["register", "skip_mediation", "assess", "route", "supervise"],
            "closed": ["register", "start_mediation", "mediation_succeeded"],
        ],
        // route needs an assess since the case last entered assessing.
        special: ["assessing route": ["register", "skip_mediation", "assess"]])
}
