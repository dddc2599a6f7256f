import AnjieDomain
import Foundation
import PostgresNIO

/// The engine's two hot statements as prepared statements: each connection parses and plans them
/// once instead of on every event (the write is a three-part CTE).
enum CaseStatements {
    /// What a write returns: the event's seq and the case row (`CaseStore.summaryColumns`).
    typealias WrittenRow = (Int, String, String, String, String, Int, String?, String?, Date, Date?, Date)

    /// The case as the engine needs it, and its newest hash: the one read of the case row a write
    /// makes. A case outside the writer's townships is not found (the scope is in the WHERE).
    struct Snapshot: PostgresPreparedStatement {
        static let sql = """
            SELECT state, version, last_event_at, context::text, last_hash FROM cases
            WHERE county = $1 AND workflow = $2 AND case_no = $3 AND \(TownshipScope.condition("township", in: "$4"))
            """
        typealias Row = (String, Int, Date, String, ByteBuffer?)

        var county: String
        var workflow: String
        var caseNumber: String
        var scope: TownshipScope

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(county)
            bindings.append(workflow)
            bindings.append(caseNumber)
            bindings.append(scope.townships)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Moves an existing case with the case row's one UPDATE (`CaseRowSQL.update`, guarded by the
    /// version the decision was made on) and appends its event, returning the event's seq and the
    /// case row as it now stands.
    struct MoveCase: PostgresPreparedStatement {
        static let sql = """
            WITH moved AS (
                \(CaseRowSQL.update)
                RETURNING \(CaseRowSQL.qualified(CaseStore.summaryColumns, "cases"))
            ), added AS (
                INSERT INTO events (county, workflow, case_no, seq, event, at, actor, data, hash)
                SELECT county, workflow, case_no, version, $14, last_event_at, $15, $16::jsonb, $17
                FROM moved
                RETURNING seq
            )
            SELECT added.seq, moved.* FROM added, moved
            """
        typealias Row = WrittenRow

        var row: CaseRow
        var event: String
        var actor: String
        var data: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = try CaseRowSQL.updateBindings([row])
            bindings.append(event)
            bindings.append(actor)
            bindings.append(data)
            bindings.append(ByteBuffer(bytes: row.lastHash))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}
