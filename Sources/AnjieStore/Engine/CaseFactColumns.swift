import AnjieDomain
import PostgresNIO

/// One statistics value of a case row, typed as its column in `cases` is.
public enum StatisticValue: Sendable, Equatable {
    case text(String?)
    case flag(Bool?)
    case number(Double?)
}

extension CaseFacts {
    /// The statistics columns the case's workflow declares (`WorkflowRules.statisticsColumns`) and
    /// this case's values, typed by the opening event's field kinds. The INSERT of the engine and of
    /// the importer are both built from it (`CaseRowSQL.insert`), so a new column is the workflow's
    /// declaration and, when the column is new to `cases`, a migration.
    public var columnValues: [(column: String, value: StatisticValue)] {
        columns.map { column in
            switch types[column] ?? .text {
            case .text: (column, .text(values[column]?.stringValue))
            case .flag: (column, .flag(values[column]?.boolValue))
            case .number: (column, .number(values[column]?.numberValue))
            }
        }
    }
}

/// The statistics columns of several new case rows, each gathered as ONE array parameter. The
/// columns are the union of the rows' columns in order of first appearance; a row without one of
/// them (another workflow's) gets NULL there.
struct CaseFactColumns {
    enum Column {
        case text(NullableArray<String>)
        case flag(NullableArray<Bool>)
        case number(NullableArray<Double>)

        init(nulls count: Int, like value: StatisticValue) {
            switch value {
            case .text: self = .text(NullableArray(Array(repeating: nil, count: count)))
            case .flag: self = .flag(NullableArray(Array(repeating: nil, count: count)))
            case .number: self = .number(NullableArray(Array(repeating: nil, count: count)))
            }
        }

        var count: Int {
            switch self {
            case .text(let array): array.elements.count
            case .flag(let array): array.elements.count
            case .number(let array): array.elements.count
            }
        }

        /// False when the value's type is not the column's (two workflows typing one column differently).
        mutating func append(_ value: StatisticValue?) -> Bool {
            switch (self, value) {
            case (.text(var array), .text(let text)): array.append(text); self = .text(array)
            case (.flag(var array), .flag(let flag)): array.append(flag); self = .flag(array)
            case (.number(var array), .number(let number)): array.append(number); self = .number(array)
            case (.text(var array), nil): array.append(nil); self = .text(array)
            case (.flag(var array), nil): array.append(nil); self = .flag(array)
            case (.number(var array), nil): array.append(nil); self = .number(array)
            case (.text, _), (.flag, _), (.number, _): return false
            }
            return true
        }

        func bind(_ query: inout SQLBuilder) -> String {
            switch self {
            case .text(let array): query.bind(array)
            case .flag(let array): query.bind(array)
            case .number(let array): query.bind(array)
            }
        }
    }

    /// Column names are spliced into SQL (a bind parameter cannot name a column): only plain
    /// lower-case identifiers pass.
    static func checkIdentifier(_ name: String) throws {
        guard !name.isEmpty, name.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else {
            throw StoreError.database("statistics column name \(name) is not a plain SQL identifier")
        }
    }

    private(set) var names: [String] = []
    private var columns: [String: Column] = [:]
    private var rows = 0

    mutating func append(_ facts: CaseFacts) throws {
        for (name, value) in facts.columnValues {
            try Self.checkIdentifier(name)
            if columns[name] == nil {
                names.append(name)
                columns[name] = Column(nulls: rows, like: value)
            }
            guard columns[name]!.count == rows, columns[name]!.append(value) else {
                throw StoreError.database("statistics column \(name) is given twice or with two types")
            }
        }
        rows += 1
        for name in names where columns[name]!.count < rows {
            _ = columns[name]!.append(nil)
        }
    }

    func bind(_ name: String, _ query: inout SQLBuilder) -> String {
        columns[name]!.bind(&query)
    }
}

/// SQL text with numbered parameters, for statements whose columns are built at run time.
struct SQLBuilder {
    var sql = ""
    private(set) var binds = PostgresBindings()

    /// Binds `value` and returns its placeholder (`$n`).
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds a value that may be NULL; the caller casts the placeholder to the column's type.
    mutating func bind<T: PostgresDynamicTypeEncodable>(optional value: T?) -> String {
        if let value { binds.append(value) } else { binds.appendNull() }
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
