import AnjieDomain
import Foundation
import PostgresNIO

/// The event engine: decide with the pure state machine, then write the event and the case row in
/// one transaction, guarded by the version the decision was made on. Nothing partial is ever written.
public struct CaseStore: Sendable {
    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// Records one event. Without an expected version, a conflicting concurrent writer makes it
    /// decide again on the fresh state (up to `retries` times): the rules are re-checked, so no
    /// write is lost and none slips past a guard.
    ///
    /// Two round trips when the event carries no personal data: the unlocked read, then the one
    /// statement that writes (a transaction by itself: both rows or neither). With personal data
    /// the write and the sealed values share an explicit transaction.
    @discardableResult
    public func record(_ request: EventRequest, retries: Int = 3) async throws -> RecordedEvent {
        let workflow = try Workflows.named(request.workflow.rawValue)
        var attempt = 0
        while true {
            do {
                return try await db.client.withConnection { connection in
                    try await record(request, workflow: workflow, on: connection, inTransaction: false)
                }
            } catch let error as StoreError where error.isConflict && request.expectedVersion == nil && attempt < retries {
                attempt += 1
            }
        }
    }

    /// Records on a connection that is already in a transaction (the API's idempotent writes).
    @discardableResult
    public func record(_ request: EventRequest, workflow: Workflow, on connection: PostgresConnection) async throws -> RecordedEvent {
        try await record(request, workflow: workflow, on: connection, inTransaction: true)
    }

    private func record(_ request: EventRequest, workflow: Workflow, on connection: PostgresConnection,
                        inTransaction: Bool) async throws -> RecordedEvent {
        // Checked here, on the path every caller takes, so bad input is a named refusal and never
        // reaches a database constraint.
        _ = try CountyCode.validate(request.county)
        if let number = request.caseNumber { _ = try CaseNumber.validate(number) }
        try Self.checkActor(request.actor)
        try Timestamp.checkRecordable(request.at)
        let number = request.caseNumber
        let loaded = try await number.asyncFlatMap { try await loadSnapshotAndHash(request.county, request.workflow, $0, on: connection) }
        let snapshot = loaded?.snapshot
        if let expected = request.expectedVersion, expected != (snapshot?.version ?? 0) {
            throw StoreError.conflict(case: number ?? "", expected: expected, actual: snapshot?.version)
        }
        // The county's township register (issue 16): a township is stored as its registered name.
        let data = try await db.countyRegisters.canonicalizing(request.data, county: request.county, spec: workflow.event(named: request.event)?.spec,
                                                               on: connection, logger: db.logger)
        let decision = try workflow.decide(snapshot, event: request.event, data: data, at: request.at)
        let (stored, personal) = PersonalData.separate(decision.data)
        let written: Written
        if personal.isEmpty || inTransaction {
            written = try await write(decision, request, stored: stored, personal: personal, snapshot: snapshot,
                                      previousHash: loaded?.lastHash, on: connection)
        } else {
            written = try await Database.unwrappingTransactionErrors {
                try await connection.withTransaction(logger: db.logger) { connection in
                    try await write(decision, request, stored: stored, personal: personal, snapshot: snapshot,
                                    previousHash: loaded?.lastHash, on: connection)
                }
            }
        }
        return RecordedEvent(summary: written.summary, seq: written.seq, decision: decision,
                             allowedEvents: workflow.allowedEvents(in: written.summary.state))
    }

    /// The event's sequence number and the case row as the write left it (from its RETURNING).
    struct Written {
        let seq: Int
        let summary: CaseSummary
        var caseNumber: String { summary.caseNumber }

        init?(_ row: CaseStatements.WrittenRow) {
            let (seq, county, workflow, number, state, version, outcome, township, opened, closed, last) = row
            guard let id = WorkflowID.registered(workflow) else { return nil }
            self.seq = seq
            summary = CaseSummary(county: county, workflow: id, caseNumber: number, state: state, version: version,
                                  outcome: outcome, township: township, openedAt: opened, closedAt: closed, lastEventAt: last)
        }
    }

    /// Writes a decided event: one statement that moves the case row (guarded by the version the
    /// decision was made on) and inserts the event, or creates both for a new case.
    ///
    /// Each event carries SHA-256(previous hash ‖ canonical event) (migration 006); `previousHash` is
    /// the case's last hash, read with the snapshot the decision was made on.
    ///
    /// ID numbers and phones are stored masked, the clear values sealed in `pii_values` by the same
    /// transaction (`PersonalDataVault`); the hash covers what the event row holds.
    func write(_ decision: Decision, _ request: EventRequest, stored: EventData, personal: [PersonalValue],
               snapshot: CaseSnapshot?, previousHash: [UInt8]?, on connection: PostgresConnection) async throws -> Written {
        if !personal.isEmpty, db.personalData.current == nil { throw PersonalDataVault.missingKey(db.personalData) }
        let written = try await writeEvent(decision, stored: stored, request, snapshot: snapshot, previousHash: previousHash, on: connection)
        if !personal.isEmpty {
            var columns = PersonalDataVault.Columns()
            try columns.append(personal, county: request.county, workflow: request.workflow.rawValue, caseNumber: written.caseNumber,
                               seq: written.seq, keys: db.personalData)
            try await PersonalDataVault(db).insert(columns, on: connection)
        }
        return written
    }

    private func writeEvent(_ decision: Decision, stored: EventData, _ request: EventRequest, snapshot: CaseSnapshot?,
                            previousHash: [UInt8]?, on connection: PostgresConnection) async throws -> Written {
        let dataJSON = CanonicalEvent.dataJSON(stored)
        let data = String(decoding: dataJSON, as: UTF8.self)
        let context = try Self.jsonText(decision.context)
        if let snapshot, let number = request.caseNumber {
            let hash = ByteBuffer(bytes: EventChain.hash(
                previous: previousHash, county: request.county, workflow: request.workflow.rawValue, caseNumber: number,
                seq: snapshot.version + 1, event: decision.event, at: request.at, actor: request.actor, dataJSON: dataJSON))
            let outcomeSet: Bool, outcome: String?
            switch decision.outcome {
            case .keep: (outcomeSet, outcome) = (false, nil)
            case .clear: (outcomeSet, outcome) = (true, nil)
            case .set(let value): (outcomeSet, outcome) = (true, value)
            }
            let rows = try await connection.execute(CaseStatements.MoveCase(
                state: decision.to, outcomeSet: outcomeSet, outcome: outcome, closes: decision.closes, at: request.at,
                context: context, hash: hash, county: request.county, workflow: request.workflow.rawValue, caseNumber: number,
                version: snapshot.version, event: decision.event, actor: request.actor, data: data), logger: db.logger)
            for try await row in rows {
                if let written = Written(row) { return written }
            }
            let now = try await loadSnapshot(request.county, request.workflow, number, on: connection)
            throw StoreError.conflict(case: number, expected: snapshot.version, actual: now?.version)
        }
        var number = request.caseNumber
        if number == nil {
            number = try await nextCaseNumber(request.county, request.workflow, year: LocalDate(request.at).year, on: connection)
        }
        let newNumber = number!
        let facts = decision.facts ?? CaseFacts(data: [:])
        let hash = ByteBuffer(bytes: EventChain.hash(
            previous: nil, county: request.county, workflow: request.workflow.rawValue, caseNumber: newNumber, seq: 1,
            event: decision.event, at: request.at, actor: request.actor, dataJSON: dataJSON))
        let outcome: String? = if case .set(let value) = decision.outcome { value } else { nil }
        let rows = try await connection.query("""
            WITH created AS (
                INSERT INTO cases (county, workflow, case_no, state, version, outcome, township, category, channel,
                    source, organization_kind, big3, big3_nature, kind, stage, service, case_type, fee_waived, amount,
                    opened_at, closed_at, last_event_at, context, last_hash)
                VALUES (\(request.county), \(request.workflow.rawValue), \(newNumber), \(decision.to), 1, \(outcome),
                    \(facts.text["township"]), \(facts.text["category"]), \(facts.text["channel"]), \(facts.text["source"]),
                    \(facts.text["organization_kind"]), \(facts.text["big3"]), \(facts.text["big3_nature"]),
                    \(facts.text["kind"]), \(facts.text["stage"]), \(facts.text["service"]), \(facts.text["case_type"]),
                    \(facts.feeWaived), \(facts.amount), \(request.at),
                    \(decision.closes ? request.at : nil), \(request.at), \(context)::jsonb, \(hash))
                ON CONFLICT (county, workflow, case_no) DO NOTHING
                RETURNING \(unescaped: Self.summaryColumns)
            ), added AS (
                INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data, hash)
                SELECT county, workflow, case_no, 1, \(decision.event), \(request.at), \(request.actor), \(data)::jsonb, \(hash)
                FROM created
                RETURNING seq
            )
            SELECT added.seq, created.* FROM added, created
            """, logger: db.logger)
        for try await row in rows.decode(CaseStatements.WrittenRow.self) {
            if let written = Written(row) { return written }
        }
        let now = try await loadSnapshot(request.county, request.workflow, newNumber, on: connection)
        throw StoreError.conflict(case: newNumber, expected: 0, actual: now?.version)
    }

    /// The columns of `summarySelect`, returned by the writes so the caller needs no second read.
    static let summaryColumns = "county, workflow, case_no, state, version, outcome, township, opened_at, closed_at, last_event_at"

    func loadSnapshot(_ county: String, _ workflow: WorkflowID, _ number: String, on connection: PostgresConnection) async throws -> CaseSnapshot? {
        try await loadSnapshotAndHash(county, workflow, number, on: connection)?.snapshot
    }

    /// The case as the engine needs it, and its newest hash, in one round trip.
    func loadSnapshotAndHash(_ county: String, _ workflow: WorkflowID, _ number: String,
                             on connection: PostgresConnection) async throws -> (snapshot: CaseSnapshot, lastHash: [UInt8]?)? {
        let rows = try await connection.execute(CaseStatements.Snapshot(county: county, workflow: workflow.rawValue, caseNumber: number),
                                                logger: db.logger)
        for try await (state, version, lastAt, context, hash) in rows {
            return (CaseSnapshot(state: state, version: version, lastEventAt: lastAt, context: try Self.parseJSON(context)),
                    hash.map { Array($0.readableBytesView) })
        }
        return nil
    }

    /// The next free automatic number for the county, workflow and year, in the caller's transaction.
    /// Numbers taken by imported cases are skipped, so a counter behind the data never collides.
    func nextCaseNumber(_ county: String, _ workflow: WorkflowID, year: Int, on connection: PostgresConnection) async throws -> String {
        while true {
            let next = try await Counter.next(county, workflow.rawValue, year: year, on: connection, logger: db.logger)
            let number = "\(workflow.casePrefix)-\(year)-" + String(next).leftPadded(to: 5)
            if try await loadSnapshot(county, workflow, number, on: connection) == nil { return number }
        }
    }

    static func checkActor(_ actor: String) throws {
        guard (1...200).contains(actor.count), !actor.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError.invalidInput("记录人（actor）应为1至200个字符", "the actor must be 1 to 200 characters")
        }
    }

    static func jsonText(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func parseJSON(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
