import AnjieDomain

/// DOMAIN.md, "Workflow `legal_aid`".
extension ContractTable {
    static let legalAid = ContractTable(
        .legalAid,
        states: "applied awaiting_materials granted denied objecting assigned terminated closed archived withdrawn",
        rows: [
            "apply: new -> applied",
            "notify: new -> granted",
            "request_materials: applied -> awaiting_materials",
            "materials_supplied: awaiting_materials -> applied",
            "withdraw: applied, awaiting_materials -> withdrawn",
            "grant: applied -> granted",
            "deny: applied -> denied",
            "object: denied -> objecting",
            "objection_upheld: objecting -> granted",
            "objection_rejected: objecting -> denied",
            "assign: granted -> assigned",
            "change_provider: assigned -> same",
            "terminate: assigned -> terminated",
            "close: assigned -> closed",
            "archive: closed -> archived",
        ])
}

extension TableWalk {
    static let legalAid = TableWalk(
        data: [
            "apply": [
                "case_type": .string("civil"), "matter": .string("追索劳动报酬"), "parties": .array([samplePerson]),
            ],
            "notify": [
                "by": .string("court"), "case_type": .string("criminal"), "matter": .string("指定辩护"),
                "parties": .array([samplePerson]),
            ],
            "request_materials": ["items": .array([.string("经济困难证明")])],
            "grant": ["means_test": .string("passed")],
            "deny": ["reason": .string("不符合经济困难标准")],
            "assign": ["provider": .string("广西某律师事务所 李律师")],
            "change_provider": ["provider": .string("法律援助中心 王律师"), "reason": .string("原承办人回避")],
            "terminate": ["ground": .string("受援人不再符合条件")],
            "close": ["result": .string("胜诉")],
        ],
        paths: [
            "applied": ["apply"],
            "awaiting_materials": ["apply", "request_materials"],
            "granted": ["apply", "grant"],
            "denied": ["apply", "deny"],
            "objecting": ["apply", "deny", "object"],
            "assigned": ["apply", "grant", "assign"],
            "terminated": ["apply", "grant", "assign", "terminate"],
            "closed": ["apply", "grant", "assign", "close"],
            "archived": ["apply", "grant", "assign", "close", "archive"],
            "withdrawn": ["apply", "withdraw"],
        ])
}
