import AnjieDomain
import Foundation
import PostgresNIO

/// The import's SQL, on the connection of its transaction. Every statement takes whole columns as
/// array parameters and spreads them with `unnest`, so a chunk of thousands of lines costs a
/// handful of round trips; values are never spliced into the SQL text.
struct ImportWriter {
    let db: Database
    let connection: PostgresConnection

    /// The snapshots and recorded events of the given cases; absent cases are not in the result.
    func load(_ keys: [Importer.CaseKey]) async throws -> [Importer.CaseKey: Importer.CaseMemory] {
        let rows = try await connection.query("""
            SELECT k.ord, c.state, c.version, c.last_event_at, c.context::text, c.last_hash, e.events, e.millis
            FROM unnest(\(keys.map(\.county)), \(keys.map(\.workflow.rawValue)), \(keys.map(\.number)))
                WITH ORDINALITY AS k(county, workflow, case_no, ord)
            JOIN cases c ON c.county = k.county AND c.workflow = k.workflow AND c.case_no = k.case_no
            CROSS JOIN LATERAL (
                SELECT coalesce(array_agg(ev.event), '{}') AS events,
                       coalesce(array_agg((extract(epoch FROM ev.at) * 1000)::bigint), '{}') AS millis
                FROM events ev
                WHERE ev.county = c.county AND ev.workflow = c.workflow AND ev.case_no = c.case_no
            ) e
            """, logger: db.logger)
        var found: [Importer.CaseKey: Importer.CaseMemory] = [:]
        for try await (ordinal, state, version, lastAt, context, lastHash, events, millis)
            in rows.decode((Int, String, Int, Date, String, ByteBuffer?, [String], [Int64]).self) {
            let snapshot = CaseSnapshot(state: state, version: version, lastEventAt: lastAt, context: try CaseStore.parseJSON(context))
            let seen = Set(zip(events, millis).map { Importer.EventKey(event: $0, millis: $1) })
            found[keys[ordinal - 1]] = Importer.CaseMemory(snapshot: snapshot, lastHash: lastHash.map { Array($0.readableBytesView) },
                                                            seen: seen)
        }
        return found
    }

    /// Writes a chunk: new cases, moved cases (each guarded by the version its first decision was
    /// made on), events, log records. Returns how many log records were new.
    /// `checkStatistics`: see `analyzeCasesIfUnknown`; the import asks once, with its first events.
    func write(_ batch: ImportBatch, checkStatistics: Bool) async throws -> Int {
        let new = batch.cases.filter { $0.opening != nil }
        let moved = batch.cases.filter { $0.opening == nil }
        if !new.isEmpty { try await insert(new) }
        if !moved.isEmpty { try await update(moved) }
        if checkStatistics { try await analyzeCasesIfUnknown() }
        if !batch.events.seq.isEmpty { try await insert(batch.events) }
        if !batch.personal.isEmpty { try await PersonalDataVault(db).insert(batch.personal, on: connection) }
        return batch.logs.id.isEmpty ? 0 : try await insert(batch.logs)
    }

    /// Each event row's foreign-key check looks its case up with a plan the server caches for the
    /// session. Planned while `cases` is empty or has never been analysed, that plan used the
    /// `(county, workflow, opened_at)` index and filtered on `case_no`: every check scanned a whole
    /// workflow, and a 100,000-event import into an empty database took minutes. ANALYZE inside the
    /// transaction (it counts the transaction's own rows) replaces those statistics and makes the
    /// server re-plan the check. A table whose statistics already count 10,000 rows is left alone:
    /// its plans are sound, and analysing a large table costs more. Until commit ANALYZE holds a
    /// lock that only VACUUM, ANALYZE and schema changes wait for.
    private func analyzeCasesIfUnknown() async throws {
        let rows = try await connection.query("SELECT reltuples::float8 FROM pg_class WHERE oid = 'cases'::regclass", logger: db.logger)
        var estimated = -1.0
        for try await value in rows.decode(Double.self) { estimated = value }
        if estimated < 10_000 {
            // Through the owner's SECURITY DEFINER function (migration 008): ANALYZE is the owner's right.
            try await drain(try await connection.query("SELECT anjie_analyze_cases()", logger: db.logger))
        }
    }

    /// Reads a result to its end, so that an error the server sends after the first rows is thrown here.
    private func drain(_ rows: PostgresRowSequence) async throws {
        for try await _ in rows {}
    }

    /// The engine's INSERT of the case row (`CaseRowSQL`), for the chunk's new cases at once.
    private func insert(_ cases: [CaseRow]) async throws {
        var query = SQLBuilder()
        query.sql = try CaseRowSQL.insert(cases, scope: .wholeCounty, returning: "county, workflow, case_no", into: &query)
        try await checkAllWritten(cases, try await connection.query(query.query, logger: db.logger))
    }

    /// The engine's UPDATE of the case row (`CaseRowSQL`), for the chunk's existing cases at once.
    private func update(_ cases: [CaseRow]) async throws {
        let query = PostgresQuery(unsafeSQL: CaseRowSQL.update + "\nRETURNING cases.county, cases.workflow, cases.case_no",
                                  binds: try CaseRowSQL.updateBindings(cases))
        try await checkAllWritten(cases, try await connection.query(query, logger: db.logger))
    }

    /// A case row that was not written had been created or moved by someone else since it was
    /// loaded: the same conflict `CaseStore.write` reports, for the first such case.
    private func checkAllWritten(_ cases: [CaseRow], _ rows: PostgresRowSequence) async throws {
        var written = Set<[String]>()
        for try await (county, workflow, number) in rows.decode((String, String, String).self) {
            written.insert([county, workflow, number])
        }
        guard written.count < cases.count else { return }
        for row in cases where !written.contains([row.key.county, row.key.workflow.rawValue, row.key.number]) {
            let now = try await CaseStore(db).loadSnapshot(row.key.county, row.key.workflow, row.key.number, on: connection)
            throw StoreError.conflict(case: row.key.number, expected: row.expectedVersion, actual: now?.version)
        }
    }

    private func insert(_ events: ImportBatch.EventColumns) async throws {
        let rows = try await connection.query("""
            INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data, hash)
            SELECT county, workflow, case_no, seq, event, at, actor, data::jsonb, hash
            FROM unnest(\(events.county), \(events.workflow), \(events.caseNumber), \(events.seq), \(events.event),
                        \(events.at), \(events.actor), \(events.data), \(events.hash.map { ByteBuffer(bytes: $0) }))
                AS e(county, workflow, case_no, seq, event, at, actor, data, hash)
            """, logger: db.logger)
        try await drain(rows)
    }

    /// Records whose (county, id) exists are skipped, as `LogStore.add` does. Returns the number written.
    private func insert(_ logs: ImportBatch.LogColumns) async throws -> Int {
        let rows = try await connection.query("""
            INSERT INTO log_records (county, id, log, at, actor, data, site, attendees, credit_code)
            SELECT county, id, log, at, actor, data::jsonb, site, attendees, credit_code
            FROM unnest(\(logs.county), \(logs.id), \(logs.kind), \(logs.at), \(logs.actor), \(logs.data),
                        \(logs.site), \(logs.attendees), \(logs.creditCode))
                AS l(county, id, log, at, actor, data, site, attendees, credit_code)
            ON CONFLICT (county, id) DO NOTHING
            RETURNING id
            """, logger: db.logger)
        var written = 0
        for try await _ in rows { written += 1 }
        return written
    }
}
