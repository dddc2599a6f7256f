import PostgresNIO

/// The townships whose cases a writer or reader may touch; empty: the whole county. Enforced in
/// the queries, never by a check after reading: a case outside the scope is not found (its
/// existence does not leak) and a new case outside it is not inserted.
public struct TownshipScope: Sendable, Equatable {
    public var townships: [String]

    public init(_ townships: [String]) {
        self.townships = townships
    }

    /// The CLI, the importer and unscoped tokens.
    public static let wholeCounty = TownshipScope([])

    /// The one predicate of every scoped query: `column` (a case's township) lies in the scope bound
    /// as `parameter` (a text[]; empty: any township, NULL included).
    static func condition(_ column: String, in parameter: String) -> String {
        "(cardinality(\(parameter)::text[]) = 0 OR \(column) = ANY(\(parameter)::text[]))"
    }
}

extension PostgresQuery.StringInterpolation {
    /// `TownshipScope.condition` inside an interpolated query: "\(township: "c.township", in: scope)".
    mutating func appendInterpolation(township column: String, in scope: TownshipScope) {
        appendLiteral("(cardinality(")
        appendInterpolation(scope.townships)
        appendLiteral("::text[]) = 0 OR \(column) = ANY(")
        appendInterpolation(scope.townships)
        appendLiteral("::text[]))")
    }
}
