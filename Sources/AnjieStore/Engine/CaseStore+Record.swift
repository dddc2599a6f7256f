import AnjieDomain
import Foundation
import PostgresNIO

/// Who records an event, as the store enforces it. The API builds one from its token; the CLI,
/// the importer and the tests write as `.wholeCounty`.
public struct Writer: Sendable {
    /// Cases outside these townships do not exist for this writer, and it may open none there.
    public var scope: TownshipScope
    /// Whether its role may record events of the workflow at all (asked after the case is found,
    /// so a case the writer cannot see is "not found" whatever its role).
    public var mayRecord: Bool
    /// The event is for a case that must exist (POST …/{case}/events): a missing case, or one
    /// outside the scope, is `StoreError.notFound`, never a new case.
    public var existingCase: Bool
    /// Makes the write idempotent (the API's Idempotency-Key).
    public var idempotency: Idempotency?
    /// The caller's role, for who may correct what (nil: the bureau itself, as the CLI writes).
    public var role: Role?

    public init(scope: TownshipScope, mayRecord: Bool = true, existingCase: Bool = false, idempotency: Idempotency? = nil,
                role: Role? = nil) {
        self.scope = scope
        self.mayRecord = mayRecord
        self.existingCase = existingCase
        self.idempotency = idempotency
        self.role = role
    }

    public static let wholeCounty = Writer(scope: .wholeCounty)
}

/// An Idempotency-Key: the answer is saved in the event's transaction (both or neither), and a
/// request repeating the key gets that answer instead of recording again.
public struct Idempotency: Sendable {
    public let tokenID: String
    public let key: String
    /// Everything that makes up the request: the same key with another request is refused.
    public let requestHash: String
    /// The status of the answer, saved with its body.
    public let status: Int
    /// The body of the answer, as the caller renders a recorded event.
    public let render: @Sendable (RecordedEvent) -> String

    public init(tokenID: String, key: String, requestHash: String, status: Int, render: @escaping @Sendable (RecordedEvent) -> String) {
        self.tokenID = tokenID
        self.key = key
        self.requestHash = requestHash
        self.status = status
        self.render = render
    }
}

/// What a write did.
public enum WriteOutcome: Sendable {
    /// Recorded now; `body` is the saved answer when the write had an idempotency key.
    case recorded(RecordedEvent, body: String?)
    /// The key had been used before for the same request: the answer given then.
    case replayed(IdempotencyStore.Stored)

    /// The recorded event (a writer without an idempotency key never gets a replay).
    public var recorded: RecordedEvent {
        get throws {
            switch self {
            case .recorded(let recorded, _): return recorded
            case .replayed: throw StoreError.database("a write without an idempotency key was answered by a replay")
            }
        }
    }
}

/// Refusals of a write that depend on who writes (never on the case's existence, which `StoreError.notFound` answers).
public enum WriteRefusal: Error, Sendable, Equatable {
    /// The role may not record events of this workflow.
    case roleMayNotRecord
    /// A new case outside the writer's townships.
    case outsideScope
    /// The idempotency key was used before for a different request.
    case idempotencyKeyReused
}

extension CaseStore {
    /// Records one event as `writer`: the one write path of the API and the CLI. The case row is
    /// read once, within the writer's townships; the decision is made on it and written guarded by
    /// its version.
    ///
    /// A conflicting concurrent writer: with an expected version (If-Match, `--expect-version`, or 0
    /// to open a case) it is `StoreError.conflict`; without one the event is decided again on the
    /// fresh state (the rules are re-checked), up to `retries` times, so no write is lost and none
    /// slips past a guard.
    ///
    /// Round trips without a key: the read, then the one statement that writes (a transaction by
    /// itself); with personal data the sealed values share an explicit transaction with it. With a
    /// key: its lookup, then BEGIN, read, write, the key's row, COMMIT.
    public func record(_ request: EventRequest, as writer: Writer, retries: Int = 3) async throws -> WriteOutcome {
        let workflow = try Workflows.named(request.workflow.rawValue)
        let keys = IdempotencyStore(db)
        if let idempotency = writer.idempotency,
           let stored = try await keys.find(county: request.county, tokenID: idempotency.tokenID, key: idempotency.key) {
            return try Self.replay(stored, idempotency)
        }
        var attempt = 0
        while true {
            do {
                guard let idempotency = writer.idempotency else {
                    let recorded = try await db.client.withConnection { connection in
                        try await decideAndWrite(request, workflow: workflow, as: writer, on: connection, inTransaction: false)
                    }
                    return .recorded(recorded, body: nil)
                }
                return try await db.transaction { connection in
                    let recorded = try await decideAndWrite(request, workflow: workflow, as: writer, on: connection, inTransaction: true)
                    let body = idempotency.render(recorded)
                    try await keys.save(county: request.county, tokenID: idempotency.tokenID, key: idempotency.key,
                                        requestHash: idempotency.requestHash, status: idempotency.status, body: body, on: connection)
                    return .recorded(recorded, body: body)
                }
            } catch let error where DatabaseFailure(error) == .uniqueViolation && writer.idempotency != nil {
                // A concurrent request with the same key committed first: answer as it did.
                let idempotency = writer.idempotency!
                guard let stored = try await keys.find(county: request.county, tokenID: idempotency.tokenID, key: idempotency.key) else {
                    throw error
                }
                return try Self.replay(stored, idempotency)
            } catch let error as StoreError where error.isConflict && request.expectedVersion == nil && attempt < retries {
                attempt += 1
            }
        }
    }

    static func replay(_ stored: IdempotencyStore.Stored, _ idempotency: Idempotency) throws -> WriteOutcome {
        guard stored.requestHash == idempotency.requestHash else { throw WriteRefusal.idempotencyKeyReused }
        return .replayed(stored)
    }
}
