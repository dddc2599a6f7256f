import AnjieDomain
import Foundation
import PostgresNIO

/// The engine's two hot statements as prepared statements: each connection parses and plans them
/// once instead of on every event (the write is a three-part CTE). Same SQL as the ad-hoc forms.
enum CaseStatements {
    /// What a write returns: the event's seq and the case row (`CaseStore.summaryColumns`).
    typealias WrittenRow = (Int, String, String, String, String, Int, String?, String?, Date, Date?, Date)

    /// The case as the engine needs it, and its newest hash.
    struct Snapshot: PostgresPreparedStatement {
        static let sql = """
            SELECT state, version, last_event_at, context::text, last_hash FROM cases
            WHERE county = $1 AND workflow = $2 AND case_no = $3
            """
        typealias Row = (String, Int, Date, String, ByteBuffer?)

        var county: String
        var workflow: String
        var caseNumber: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(county)
            bindings.append(workflow)
            bindings.append(caseNumber)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Moves an existing case (guarded by the version the decision was made on) and appends its
    /// event, returning the event's seq and the case row as it now stands.
    struct MoveCase: PostgresPreparedStatement {
        static let sql = """
            WITH moved AS (
                UPDATE cases SET state = $1, version = version + 1,
                    outcome = CASE WHEN $2 THEN $3 ELSE outcome END,
                    closed_at = CASE WHEN $4 THEN coalesce(closed_at, $5) ELSE NULL END,
                    last_event_at = $5, context = $6::jsonb, last_hash = $7, updated_at = now()
                WHERE county = $8 AND workflow = $9 AND case_no = $10 AND version = $11
                RETURNING \(CaseStore.summaryColumns)
            ), added AS (
                INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data, hash)
                SELECT county, workflow, case_no, version, $12, $5, $13, $14::jsonb, $7
                FROM moved
                RETURNING seq
            )
            SELECT added.seq, moved.* FROM added, moved
            """
        static let bindingDataTypes: [PostgresDataType] = [
            .text, .bool, .text, .bool, .timestamptz, .text, .bytea, .text, .text, .text, .int8, .text, .text, .text,
        ]
        typealias Row = WrittenRow

        var state: String
        var outcomeSet: Bool
        var outcome: String?
        var closes: Bool
        var at: Date
        var context: String
        var hash: ByteBuffer
        var county: String
        var workflow: String
        var caseNumber: String
        var version: Int
        var event: String
        var actor: String
        var data: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(state)
            bindings.append(outcomeSet)
            bindings.append(outcome)
            bindings.append(closes)
            bindings.append(at)
            bindings.append(context)
            bindings.append(hash)
            bindings.append(county)
            bindings.append(workflow)
            bindings.append(caseNumber)
            bindings.append(version)
            bindings.append(event)
            bindings.append(actor)
            bindings.append(data)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}
