import AnjieDomain
import Foundation
import PostgresNIO

/// A `cases` row as one or more accepted events leave it: what the engine writes for one event and
/// the importer for a chunk's events of a case. Both write it with `CaseRowSQL`, the one INSERT and
/// the one UPDATE of the case row.
struct CaseRow {
    let key: Importer.CaseKey
    /// The version the first decision was made on; 0: the row is new.
    let expectedVersion: Int
    var version: Int
    var state: String
    /// The net effect of the events' outcomes on the column: the last `.clear` or `.set` wins and
    /// `.keep` changes nothing, as if the events had been written one by one.
    var outcome: Outcome = .keep
    /// `closed_at` after the events, given a row whose `closed_at` was NULL before them. A closing
    /// event keeps an earlier closing time (`coalesce(closed_at, at)`), any other event clears it.
    var closedAt: Date?
    /// Every event closed the case: the row's earlier `closed_at`, if any, is kept.
    var closedThroughout = true
    var lastEventAt: Date
    var context: JSONValue
    /// The hash of the last event (`cases.last_hash`).
    var lastHash: [UInt8]
    /// A new case's typed facts and opening time (from its opening event); nil for an existing case.
    let opening: (facts: CaseFacts, at: Date)?

    /// The row after `decision`, the first event written to it, decided on `snapshot` (nil: a new case).
    init(_ key: Importer.CaseKey, decidedOn snapshot: CaseSnapshot?, first decision: Decision, at: Date, hash: [UInt8]) {
        self.key = key
        expectedVersion = snapshot?.version ?? 0
        version = expectedVersion
        state = decision.to
        lastEventAt = at
        context = decision.context
        lastHash = hash
        opening = snapshot == nil ? (decision.facts ?? CaseFacts(data: [:]), at) : nil
        apply(decision, version: expectedVersion + 1, at: at, hash: hash)
    }

    /// Folds in one more accepted event of the case, the row's `version`-th.
    mutating func apply(_ decision: Decision, version: Int, at: Date, hash: [UInt8]) {
        self.version = version
        state = decision.to
        switch decision.outcome {
        case .keep: break
        case .clear, .set: outcome = decision.outcome
        }
        if !decision.closes {
            closedAt = nil
            closedThroughout = false
        } else if closedAt == nil {
            closedAt = at
        }
        lastEventAt = at
        context = decision.context
        lastHash = hash
    }
}

/// The case row's INSERT and UPDATE, for one row (the engine) or thousands (an import chunk): each
/// column is bound as ONE array and spread with `unnest`; values are never spliced into the SQL.
enum CaseRowSQL {
    /// Inserts new rows, skipping any whose key exists and any outside `scope` (the writer's
    /// townships: the scope is enforced by this WHERE, not by a check before it). The statistics
    /// columns come from `CaseFacts.columnValues`, not from a list written here.
    static func insert(_ rows: [CaseRow], scope: TownshipScope, returning: String, into query: inout SQLBuilder) throws -> String {
        var facts = CaseFactColumns()
        for row in rows { try facts.append(row.opening?.facts ?? CaseFacts(data: [:])) }
        let outcomes = NullableArray<String>(rows.map { row -> String? in
            switch row.outcome {
            case .keep, .clear: return nil
            case .set(let value): return value
            }
        })
        let contexts = try rows.map { try CaseStore.jsonText($0.context) }
        let columns: [(name: String, parameter: String, select: String)] = [
            ("county", query.bind(rows.map(\.key.county)), "county"),
            ("workflow", query.bind(rows.map(\.key.workflow.rawValue)), "workflow"),
            ("case_no", query.bind(rows.map(\.key.number)), "case_no"),
            ("state", query.bind(rows.map(\.state)), "state"),
            ("version", query.bind(rows.map(\.version)), "version"),
            ("outcome", query.bind(outcomes), "outcome"),
            ("opened_at", query.bind(rows.map { $0.opening?.at ?? $0.lastEventAt }), "opened_at"),
            ("closed_at", query.bind(NullableArray(rows.map(\.closedAt))), "closed_at"),
            ("last_event_at", query.bind(rows.map(\.lastEventAt)), "last_event_at"),
            ("context", query.bind(contexts), "context::jsonb"),
            ("last_hash", query.bind(rows.map { ByteBuffer(bytes: $0.lastHash) }), "last_hash"),
        ] + facts.names.map { ($0, facts.bind($0, &query), $0) }
        let names = columns.map(\.name).joined(separator: ", ")
        let township = facts.names.contains("township") ? "n.township" : "NULL::text"
        return """
            INSERT INTO cases (\(names))
            SELECT \(columns.map { "n.\($0.select)" }.joined(separator: ", "))
            FROM unnest(\(columns.map(\.parameter).joined(separator: ", "))) AS n(\(names))
            WHERE \(TownshipScope.condition(township, in: query.bind(scope.townships)))
            ON CONFLICT (county, workflow, case_no) DO NOTHING
            RETURNING \(returning)
            """
    }

    /// Moves existing rows, each guarded by the version its first event was decided on (a row
    /// someone else moved meanwhile is not written). Parameters $1…$13, from `updateBindings`;
    /// the caller adds `RETURNING` (columns qualified with `cases.`: `u` has the same names).
    static let update = """
        UPDATE cases SET state = u.state, version = u.version,
            outcome = CASE WHEN u.outcome_set THEN u.outcome ELSE cases.outcome END,
            closed_at = CASE WHEN u.closed_throughout THEN coalesce(cases.closed_at, u.closed_at) ELSE u.closed_at END,
            last_event_at = u.last_event_at, context = u.context::jsonb, last_hash = u.last_hash, updated_at = now()
        FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::text[], $7::bool[], $8::text[],
                    $9::timestamptz[], $10::bool[], $11::timestamptz[], $12::text[], $13::bytea[])
            AS u(county, workflow, case_no, expected, version, state, outcome_set, outcome, closed_at, closed_throughout,
                 last_event_at, context, last_hash)
        WHERE cases.county = u.county AND cases.workflow = u.workflow AND cases.case_no = u.case_no
          AND cases.version = u.expected
        """

    static func updateBindings(_ rows: [CaseRow]) throws -> PostgresBindings {
        let outcomes = rows.map { row -> (set: Bool, value: String?) in
            switch row.outcome {
            case .keep: return (false, nil)
            case .clear: return (true, nil)
            case .set(let value): return (true, value)
            }
        }
        var bindings = PostgresBindings()
        bindings.append(rows.map(\.key.county))
        bindings.append(rows.map(\.key.workflow.rawValue))
        bindings.append(rows.map(\.key.number))
        bindings.append(rows.map(\.expectedVersion))
        bindings.append(rows.map(\.version))
        bindings.append(rows.map(\.state))
        bindings.append(outcomes.map(\.set))
        bindings.append(NullableArray(outcomes.map(\.value)))
        bindings.append(NullableArray(rows.map(\.closedAt)))
        bindings.append(rows.map(\.closedThroughout))
        bindings.append(rows.map(\.lastEventAt))
        bindings.append(try rows.map { try CaseStore.jsonText($0.context) })
        bindings.append(rows.map { ByteBuffer(bytes: $0.lastHash) })
        return bindings
    }

    /// `columns` ("a, b, c") each prefixed with `table.`.
    static func qualified(_ columns: String, _ table: String) -> String {
        columns.split(separator: ",").map { "\(table).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
    }
}
