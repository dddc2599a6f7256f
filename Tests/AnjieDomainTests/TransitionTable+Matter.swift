import AnjieDomain

/// DOMAIN.md, "Workflow `matter`" (prose): `register` → `open`; `close` → `closed`.
extension ContractTable {
    static let matter = ContractTable(
        .matter,
        states: "open closed",
        closed: "closed",
        rows: [
            "register: new -> open",
            "close: open -> closed",
        ])
}

extension TableWalk {
    static let matter = TableWalk(
        data: ["register": ["kind": .string("legal_consultation")]],
        paths: ["open": ["register"], "closed": ["register", "close"]])
}
