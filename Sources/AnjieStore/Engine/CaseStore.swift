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

    /// Records one event for the whole county (the CLI, the tests): `record(_:as: .wholeCounty)`.
    /// Without an expected version a conflicting concurrent writer makes it decide again on the
    /// fresh state, up to `retries` times.
    @discardableResult
    public func record(_ request: EventRequest, retries: Int = 3) async throws -> RecordedEvent {
        try await record(request, as: .wholeCounty, retries: retries).recorded
    }

    /// Reads the case row (once, within the writer's townships), decides, and writes: the engine's
    /// step for every entry path, run by `record(_:as:)`. `inTransaction`: the connection is in the
    /// caller's transaction; otherwise an event with personal data opens one of its own.
    func decideAndWrite(_ request: EventRequest, workflow: Workflow, as writer: Writer, on connection: PostgresConnection,
                        inTransaction: Bool) async throws -> RecordedEvent {
        // Checked here, on the path every caller takes, so bad input is a named refusal and never
        // reaches a database constraint.
        _ = try CountyCode.validate(request.county)
        let number = request.caseNumber
        if let number {
            // An event posted to a case's address: a malformed number names no case there.
            if writer.existingCase, (try? CaseNumber.validate(number)) == nil {
                throw StoreError.notFound(workflow: request.workflow.rawValue, case: number)
            }
            _ = try CaseNumber.validate(number)
        }
        try Self.checkActor(request.actor)
        try Timestamp.checkRecordable(request.at)
        try Timestamp.checkNotFuture(request.at)
        let loaded = try await number.asyncFlatMap {
            try await loadSnapshotAndHash(request.county, request.workflow, $0, scope: writer.scope, on: connection)
        }
        // A mistyped number on a later event is "case not found", not "a new case does not allow it".
        if loaded == nil, let number, writer.existingCase || workflow.needsExistingCase(request.event) == true {
            throw StoreError.notFound(workflow: request.workflow.rawValue, case: number)
        }
        if writer.existingCase && loaded == nil {
            throw StoreError.notFound(workflow: request.workflow.rawValue, case: number ?? "")
        }
        let snapshot = loaded?.snapshot
        if let expected = request.expectedVersion, expected != (snapshot?.version ?? 0) {
            throw StoreError.conflict(case: number ?? "", expected: expected, actual: snapshot?.version)
        }
        if Correction.isCorrection(request.event) {
            // A correction names an existing case; who may make it is its own rule (Correction.refusal).
            guard let loaded, let snapshot else { throw StoreError.notFound(workflow: request.workflow.rawValue, case: number ?? "") }
            let (written, data) = try await correct(request, workflow: workflow, snapshot: snapshot, previousHash: loaded.lastHash,
                                                    role: writer.role, on: connection)
            return RecordedEvent(summary: written.summary, seq: written.seq,
                                 decision: Self.correctionDecision(data, from: snapshot, to: written.summary.state),
                                 allowedEvents: workflow.allowedEvents(in: written.summary.state))
        }
        guard writer.mayRecord else { throw WriteRefusal.roleMayNotRecord }
        // The county's township register (issue 16): a township is stored as its registered name.
        let data = try await db.countyRegisters.canonicalizing(request.data, county: request.county, spec: workflow.event(named: request.event)?.spec,
                                                               on: connection, logger: db.logger)
        let decision = try workflow.decide(snapshot, event: request.event, data: data, at: request.at)
        let (stored, personal) = PersonalData.separate(decision.data)
        let written: Written
        if personal.isEmpty || inTransaction {
            written = try await write(decision, request, stored: stored, personal: personal, snapshot: snapshot,
                                      previousHash: loaded?.lastHash, scope: writer.scope, on: connection)
        } else {
            written = try await Database.unwrappingTransactionErrors {
                try await connection.withTransaction(logger: db.logger) { connection in
                    try await write(decision, request, stored: stored, personal: personal, snapshot: snapshot,
                                    previousHash: loaded?.lastHash, scope: writer.scope, on: connection)
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
               snapshot: CaseSnapshot?, previousHash: [UInt8]?, scope: TownshipScope, on connection: PostgresConnection) async throws -> Written {
        if !personal.isEmpty, db.personalData.current == nil { throw PersonalDataVault.missingKey(db.personalData) }
        let written = try await writeEvent(decision, stored: stored, request, snapshot: snapshot, previousHash: previousHash,
                                           scope: scope, on: connection)
        if !personal.isEmpty {
            var columns = PersonalDataVault.Columns()
            try columns.append(personal, county: request.county, workflow: request.workflow.rawValue, caseNumber: written.caseNumber,
                               seq: written.seq, keys: db.personalData)
            try await PersonalDataVault(db).insert(columns, on: connection)
        }
        return written
    }

    private func writeEvent(_ decision: Decision, stored: EventData, _ request: EventRequest, snapshot: CaseSnapshot?,
                            previousHash: [UInt8]?, scope: TownshipScope, on connection: PostgresConnection) async throws -> Written {
        let dataJSON = CanonicalEvent.dataJSON(stored)
        let data = String(decoding: dataJSON, as: UTF8.self)
        if let snapshot, let number = request.caseNumber {
            let hash = EventChain.hash(
                previous: previousHash, county: request.county, workflow: request.workflow.rawValue, caseNumber: number,
                seq: snapshot.version + 1, event: decision.event, at: request.at, actor: request.actor, dataJSON: dataJSON)
            let row = CaseRow(Importer.CaseKey(county: request.county, workflow: request.workflow, number: number),
                              decidedOn: snapshot, first: decision, at: request.at, hash: hash)
            let rows = try await connection.execute(CaseStatements.MoveCase(row: row, event: decision.event, actor: request.actor,
                                                                             data: data), logger: db.logger)
            for try await row in rows {
                if let written = Written(row) { return written }
            }
            let now = try await loadSnapshot(request.county, request.workflow, number, on: connection)
            throw StoreError.conflict(case: number, expected: snapshot.version, actual: now?.version)
        }
        let facts = decision.facts ?? CaseFacts(data: [:])
        var number = request.caseNumber
        if number == nil {
            // The counter advances only for a case the writer may open (the same scope as the INSERT's).
            let township = facts.columnValues.first { $0.column == "township" }.flatMap { if case .text(let text) = $0.value { text } else { nil } }
            number = try await nextCaseNumber(request.county, request.workflow, year: LocalDate(request.at).year,
                                              township: township, scope: scope, on: connection)
            guard number != nil else { throw WriteRefusal.outsideScope }
        }
        let newNumber = number!
        let hash = EventChain.hash(
            previous: nil, county: request.county, workflow: request.workflow.rawValue, caseNumber: newNumber, seq: 1,
            event: decision.event, at: request.at, actor: request.actor, dataJSON: dataJSON)
        let row = CaseRow(Importer.CaseKey(county: request.county, workflow: request.workflow, number: newNumber),
                          decidedOn: nil, first: decision, at: request.at, hash: hash)
        var query = SQLBuilder()
        let created = try CaseRowSQL.insert([row], scope: scope, returning: Self.summaryColumns, into: &query)
        query.sql = """
            WITH created AS (
            \(created)
            ), added AS (
                INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data, hash)
                SELECT county, workflow, case_no, 1, \(query.bind(decision.event)), last_event_at, \(query.bind(request.actor)),
                    \(query.bind(data))::text::jsonb, \(query.bind(ByteBuffer(bytes: hash)))
                FROM created
                RETURNING seq
            )
            SELECT added.seq, created.* FROM added, created
            """
        let rows = try await connection.query(query.query, logger: db.logger)
        for try await row in rows.decode(CaseStatements.WrittenRow.self) {
            if let written = Written(row) { return written }
        }
        // Not inserted: the number is taken, or the case lies outside the writer's townships.
        let now = try await loadSnapshot(request.county, request.workflow, newNumber, on: connection)
        if now == nil && !scope.townships.isEmpty { throw WriteRefusal.outsideScope }
        throw StoreError.conflict(case: newNumber, expected: 0, actual: now?.version)
    }

    /// The columns of `summarySelect`, returned by the writes so the caller needs no second read.
    static let summaryColumns = "county, workflow, case_no, state, version, outcome, township, opened_at, closed_at, last_event_at"

    /// The case whatever its township (after a write that did not happen: what stands there now).
    func loadSnapshot(_ county: String, _ workflow: WorkflowID, _ number: String, on connection: PostgresConnection) async throws -> CaseSnapshot? {
        try await loadSnapshotAndHash(county, workflow, number, scope: .wholeCounty, on: connection)?.snapshot
    }

    /// The case as the engine needs it, and its newest hash, in one round trip; nil when it does not
    /// exist or lies outside `scope`.
    func loadSnapshotAndHash(_ county: String, _ workflow: WorkflowID, _ number: String, scope: TownshipScope,
                             on connection: PostgresConnection) async throws -> (snapshot: CaseSnapshot, lastHash: [UInt8]?)? {
        let rows = try await connection.execute(CaseStatements.Snapshot(county: county, workflow: workflow.rawValue, caseNumber: number,
                                                                        scope: scope), logger: db.logger)
        for try await (state, version, lastAt, context, hash) in rows {
            return (CaseSnapshot(state: state, version: version, lastEventAt: lastAt, context: try Self.parseJSON(context)),
                    hash.map { Array($0.readableBytesView) })
        }
        return nil
    }

    /// The next free automatic number for the county, workflow and year, in the caller's transaction;
    /// nil, with the counter untouched, when `township` lies outside `scope`. Numbers taken by
    /// imported cases are skipped, so a counter behind the data never collides.
    func nextCaseNumber(_ county: String, _ workflow: WorkflowID, year: Int, township: String?, scope: TownshipScope,
                        on connection: PostgresConnection) async throws -> String? {
        while true {
            guard let next = try await Counter.next(county, workflow.rawValue, year: year, township: township, scope: scope,
                                                    on: connection, logger: db.logger) else { return nil }
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
