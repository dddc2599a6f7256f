import AnjieDomain
import Foundation
import PostgresNIO

/// Corrections (更正) on the engine's one write path: a `correct` event is decided against the
/// case's whole history (in the clear, as `audit verify` folds it), then written with the refolded
/// case row and the corrected event's net correction (`event_corrections`) in one statement,
/// guarded by the case's version like every other event.
extension CaseStore {
    /// The case's log with sealed values opened, on the caller's connection (its transaction sees
    /// what it wrote).
    func history(_ county: String, _ workflow: WorkflowID, _ number: String, on connection: PostgresConnection) async throws -> [LoggedEvent] {
        let vault = PersonalDataVault(db)
        let rows = try await connection.query("""
            SELECT e.seq, e.event, e.at, e.actor, e.data::text, pii.paths, pii.keys, pii.sealed
            FROM events e
            \(unescaped: PersonalDataVault.lateralJoin)
            WHERE e.county = \(county) AND e.workflow = \(workflow.rawValue) AND e.case_no = \(number)
            ORDER BY e.seq
            """, logger: db.logger)
        var events: [LoggedEvent] = []
        for try await (seq, event, at, actor, text, paths, keyIDs, sealed)
            in rows.decode((Int, String, Date, String, String, [String]?, [String]?, [ByteBuffer]?).self) {
            let data = try vault.reveal(try Self.parseJSON(text).objectValue ?? [:], county: county, workflow: workflow.rawValue,
                                        caseNumber: number, seq: seq, paths: paths, keyIDs: keyIDs, sealed: sealed)
            events.append(LoggedEvent(seq: seq, event: event, at: at, actor: actor, data: data))
        }
        return events
    }

    func correct(_ request: EventRequest, workflow: Workflow, snapshot: CaseSnapshot, previousHash: [UInt8]?,
                 role: Role?, on connection: PostgresConnection) async throws -> (Written, EventData) {
        guard let number = request.caseNumber else {
            throw DomainError.invalidInput("更正须指明案件编号", "a correction names its case")
        }
        let history = try await history(request.county, request.workflow, number, on: connection)
        var asked = request.data
        if case .object(let values)? = asked["data"], let seq = (try? Correction(data: asked))?.seq,
           let target = history.first(where: { $0.seq == seq }) {
            // A corrected township is checked against the register like an entered one.
            asked["data"] = .object(try await db.countyRegisters.canonicalizing(
                values, county: request.county, spec: workflow.event(named: target.event)?.spec, on: connection, logger: db.logger))
        }
        let (data, refold) = try workflow.decideCorrection(history, data: asked, at: request.at)
        let correction = try Correction(data: data)
        if let target = history.first(where: { $0.seq == correction.seq }),
           let refusal = Correction.refusal(toCorrect: target, in: workflow, role: role, at: request.at) {
            switch refusal {
            case .notARecorder: throw WriteRefusal.roleMayNotRecord
            case .tooOld(let error): throw error
            }
        }
        let seq = snapshot.version + 1
        let dataJSON = CanonicalEvent.dataJSON(data)
        let hash = EventChain.hash(previous: previousHash, county: request.county, workflow: request.workflow.rawValue,
                                   caseNumber: number, seq: seq, event: Correction.event, at: request.at, actor: request.actor,
                                   dataJSON: dataJSON)
        let all = history + [LoggedEvent(seq: seq, event: Correction.event, at: request.at, actor: request.actor, data: data)]
        let net = try NetCorrection.of(all)[correction.seq] ?? NetCorrection()
        var query = SQLBuilder()
        var sets = [
            "state = \(query.bind(refold.state))", "version = version + 1", "outcome = \(query.bind(optional: refold.outcome))::text",
            "closed_at = \(query.bind(optional: refold.closedAt))::timestamptz", "opened_at = \(query.bind(refold.openedAt))",
            "last_event_at = \(query.bind(refold.lastEventAt))", "context = \(query.bind(try Self.jsonText(refold.context)))::jsonb",
            "last_hash = \(query.bind(ByteBuffer(bytes: hash)))", "updated_at = now()",
        ]
        for (column, value) in (refold.facts ?? CaseFacts(data: [:])).columnValues {
            try CaseFactColumns.checkIdentifier(column)
            switch value {
            case .text(let text): sets.append("\(column) = \(query.bind(optional: text))::text")
            case .flag(let flag): sets.append("\(column) = \(query.bind(optional: flag))::boolean")
            case .number(let number): sets.append("\(column) = \(query.bind(optional: number))::float8")
            }
        }
        let key = (county: query.bind(request.county), workflow: query.bind(request.workflow.rawValue), number: query.bind(number))
        query.sql = """
            WITH moved AS (
                UPDATE cases SET \(sets.joined(separator: ", "))
                WHERE county = \(key.county) AND workflow = \(key.workflow) AND case_no = \(key.number)
                  AND version = \(query.bind(snapshot.version))
                RETURNING \(Self.summaryColumns)
            ), added AS (
                INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data, hash)
                SELECT county, workflow, case_no, version, \(query.bind(Correction.event)), \(query.bind(request.at)),
                    \(query.bind(request.actor)), \(query.bind(String(decoding: dataJSON, as: UTF8.self)))::text::jsonb,
                    \(query.bind(ByteBuffer(bytes: hash)))
                FROM moved
                RETURNING seq
            ), noted AS (
                INSERT INTO event_corrections (county, workflow, case_no, seq, at, data, void)
                SELECT county, workflow, case_no, \(query.bind(correction.seq))::int4, \(query.bind(optional: net.at))::timestamptz,
                    \(query.bind(optional: net.data.map { String(decoding: CanonicalEvent.dataJSON($0), as: UTF8.self) }))::text::jsonb,
                    \(query.bind(net.void))
                FROM moved
                ON CONFLICT (county, workflow, case_no, seq) DO UPDATE SET at = excluded.at, data = excluded.data, void = excluded.void
            )
            SELECT added.seq, moved.* FROM added, moved
            """
        let rows = try await connection.query(query.query, logger: db.logger)
        for try await row in rows.decode(CaseStatements.WrittenRow.self) {
            if let written = Written(row) {
                return (written, data)
            }
        }
        let now = try await loadSnapshot(request.county, request.workflow, number, on: connection)
        throw StoreError.conflict(case: number, expected: snapshot.version, actual: now?.version)
    }

    /// The decision a `correct` event stands for, as the write path reports it.
    static func correctionDecision(_ data: EventData, from snapshot: CaseSnapshot, to state: String) -> Decision {
        Decision(event: Correction.event, data: data, from: snapshot.state, to: state, context: .null, outcome: .keep,
                 closes: false, facts: nil)
    }
}
