/// One allowed value of an enumerated field: the English id is stored, the Chinese label is shown.
public struct Choice: Sendable, Hashable {
    public let id: String
    public let zh: String

    public init(_ id: String, _ zh: String) {
        self.id = id
        self.zh = zh
    }
}

/// The allowed values of an enumerated field. Clerks may type the id, its kebab-case form or the
/// Chinese label; the id is what gets stored.
public struct Choices: Sendable, Hashable {
    public let options: [Choice]

    public init(_ options: [Choice]) {
        self.options = options
    }

    public func match(_ input: String) -> Choice? {
        let trimmed = input.trimmingWhitespace()
        let folded = trimmed.lowercased().replacingHyphens()
        return options.first { $0.id == folded || $0.zh == trimmed }
    }

    public func label(of id: String) -> String {
        options.first { $0.id == id }?.zh ?? id
    }

    public var ids: [String] { options.map(\.id) }

    /// "police_push 警情推送, walk_in 群众来访, …" for help and error messages.
    public var listing: String {
        options.map { $0.zh == $0.id ? $0.id : "\($0.id) \($0.zh)" }.joined(separator: ", ")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    func replacingHyphens() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}
