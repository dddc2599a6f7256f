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
    @discardableResult
    public func record(_ request: EventRequest, retries: Int = 3) async throws -> RecordedEvent {
        let workflow = try Workflows.named(request.workflow.rawValue)
        _ = try CountyCode.validate(request.county)
        if let number = request.caseNumber { _ = try CaseNumber.validate(number) }
        try Self.checkActor(request.actor)
        var attempt = 0
        while true {
            do {
                return try await db.transaction { connection in
                    try await record(request, workflow: workflow, on: connection)
                }
            } catch let error as StoreError where error.isConflict && request.expectedVersion == nil && attempt < retries {
                attempt += 1
            }
        }
    }

    /// Records on a connection that is already in a transaction (import uses one for a whole file).
    @discardableResult
    public func record(_ request: EventRequest, workflow: Workflow, on connection: PostgresConnection) async throws -> RecordedEvent {
        let number = request.caseNumber
        let snapshot = try await number.asyncFlatMap { try await loadSnapshot(request.county, request.workflow, $0, on: connection) }
        if let expected = request.expectedVersion, expected != (snapshot?.version ?? 0) {
            throw StoreError.conflict(case: number ?? "", expected: expected, actual: snapshot?.version)
        }
        let decision = try workflow.decide(snapshot, event: request.event, data: request.data, at: request.at)
        let written = try await write(decision, request, snapshot: snapshot, on: connection)
        return try await recorded(request.county, request.workflow, written.caseNumber, seq: written.seq,
                                  decision: decision, workflow: workflow, on: connection)
    }

    /// Writes a decided event: one statement that moves the case row (guarded by the version the
    /// decision was made on) and inserts the event, or creates both for a new case.
    func write(_ decision: Decision, _ request: EventRequest, snapshot: CaseSnapshot?,
               on connection: PostgresConnection) async throws -> (caseNumber: String, seq: Int) {
        let data = try Self.jsonText(.object(decision.data))
        let context = try Self.jsonText(decision.context)
        if let snapshot, let number = request.caseNumber {
            let outcomeSet: Bool, outcome: String?
            switch decision.outcome {
            case .keep: (outcomeSet, outcome) = (false, nil)
            case .clear: (outcomeSet, outcome) = (true, nil)
            case .set(let value): (outcomeSet, outcome) = (true, value)
            }
            let rows = try await connection.query("""
                WITH moved AS (
                    UPDATE cases SET state = \(decision.to), version = version + 1,
                        outcome = CASE WHEN \(outcomeSet) THEN \(outcome) ELSE outcome END,
                        closed_at = CASE WHEN \(decision.closes) THEN coalesce(closed_at, \(request.at)) ELSE NULL END,
                        last_event_at = \(request.at), context = \(context)::jsonb, updated_at = now()
                    WHERE county = \(request.county) AND workflow = \(request.workflow.rawValue)
                      AND case_no = \(number) AND version = \(snapshot.version)
                    RETURNING county, workflow, case_no, version
                )
                INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data)
                SELECT county, workflow, case_no, version, \(decision.event), \(request.at), \(request.actor), \(data)::jsonb
                FROM moved
                RETURNING seq
                """, logger: db.logger)
            for try await seq in rows.decode(Int.self) { return (number, seq) }
            let now = try await loadSnapshot(request.county, request.workflow, number, on: connection)
            throw StoreError.conflict(case: number, expected: snapshot.version, actual: now?.version)
        }
        var number = request.caseNumber
        if number == nil {
            number = try await nextCaseNumber(request.county, request.workflow, year: LocalDate(request.at).year, on: connection)
        }
        let newNumber = number!
        let facts = decision.facts ?? CaseFacts(data: [:])
        let outcome: String? = if case .set(let value) = decision.outcome { value } else { nil }
        let rows = try await connection.query("""
            WITH created AS (
                INSERT INTO cases (county, workflow, case_no, state, version, outcome, township, category, channel,
                    source, organization_kind, big3, big3_nature, kind, stage, service, case_type, fee_waived, amount,
                    opened_at, closed_at, last_event_at, context)
                VALUES (\(request.county), \(request.workflow.rawValue), \(newNumber), \(decision.to), 1, \(outcome),
                    \(facts.text["township"]), \(facts.text["category"]), \(facts.text["channel"]), \(facts.text["source"]),
                    \(facts.text["organization_kind"]), \(facts.text["big3"]), \(facts.text["big3_nature"]),
                    \(facts.text["kind"]), \(facts.text["stage"]), \(facts.text["service"]), \(facts.text["case_type"]),
                    \(facts.feeWaived), \(facts.amount), \(request.at),
                    \(decision.closes ? request.at : nil), \(request.at), \(context)::jsonb)
                ON CONFLICT (county, workflow, case_no) DO NOTHING
                RETURNING county, workflow, case_no
            )
            INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data)
            SELECT county, workflow, case_no, 1, \(decision.event), \(request.at), \(request.actor), \(data)::jsonb
            FROM created
            RETURNING seq
            """, logger: db.logger)
        for try await seq in rows.decode(Int.self) { return (newNumber, seq) }
        let now = try await loadSnapshot(request.county, request.workflow, newNumber, on: connection)
        throw StoreError.conflict(case: newNumber, expected: 0, actual: now?.version)
    }

    private func recorded(_ county: String, _ workflow: WorkflowID, _ number: String, seq: Int, decision: Decision,
                          workflow definition: Workflow, on connection: PostgresConnection) async throws -> RecordedEvent {
        guard let summary = try await loadSummaries(
            "\(unescaped: Self.summarySelect) WHERE county = \(county) AND workflow = \(workflow.rawValue) AND case_no = \(number)", on: connection).first
        else { throw StoreError.notFound(workflow: workflow.rawValue, case: number) }
        return RecordedEvent(summary: summary, seq: seq, decision: decision,
                             allowedEvents: definition.allowedEvents(in: summary.state))
    }

    func loadSnapshot(_ county: String, _ workflow: WorkflowID, _ number: String, on connection: PostgresConnection) async throws -> CaseSnapshot? {
        let rows = try await connection.query("""
            SELECT state, version, last_event_at, context::text FROM cases
            WHERE county = \(county) AND workflow = \(workflow.rawValue) AND case_no = \(number)
            """, logger: db.logger)
        for try await (state, version, lastAt, context) in rows.decode((String, Int, Date, String).self) {
            return CaseSnapshot(state: state, version: version, lastEventAt: lastAt, context: try Self.parseJSON(context))
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
