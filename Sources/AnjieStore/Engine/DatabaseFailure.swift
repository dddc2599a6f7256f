import PostgresNIO

/// The SQLSTATEs the code acts on, named in one place (PostgreSQL, appendix A). Callers match on
/// these cases, never on the five-character codes.
public enum DatabaseFailure: Sendable, Equatable {
    /// 23505: a unique key already taken (e.g. an Idempotency-Key claimed by a concurrent request).
    case uniqueViolation
    /// Class 22, data exception: a value PostgreSQL refuses to store or compare (e.g. a NUL
    /// character in a parameter). The request is at fault; retrying will not help.
    case invalidValue
    /// 42P01: the table does not exist (a database with no schema yet).
    case undefinedTable
    /// Anything else, or no SQLSTATE at all (the connection failed).
    case other

    public init(sqlState: String?) {
        switch sqlState {
        case "23505": self = .uniqueViolation
        case "42P01": self = .undefinedTable
        case let state? where state.hasPrefix("22"): self = .invalidValue
        default: self = .other
        }
    }

    /// What `error` says, if the database said it.
    public init?(_ error: any Error) {
        guard let error = error as? PSQLError else { return nil }
        self.init(sqlState: error.sqlState)
    }
}

extension PSQLError {
    public var failure: DatabaseFailure { DatabaseFailure(sqlState: sqlState) }
}
